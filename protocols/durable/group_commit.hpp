// GroupCommit: the fsyncs of many writers made together, once per batch.
//
// A busy server makes the same few fsyncs for every message: the queue file
// and its directory, the Maildir directory, the uidlist. Each costs a flush
// of the disk. When the owner of the writers can hold back what it tells
// its clients until the data is safe (maillab serve holds every reply on
// the real sockets), the writers instead hand those fsyncs to a GroupCommit,
// and one commit() makes all of them durable: files first, then the
// directories that name them, then the steps that may only happen once
// everything else is on disk (naming a queue entry that says its mail was
// delivered, removing a queue file whose mail is now stored).
//
// The owner learns that a commit is wanted through on_pending and runs it
// when convenient (after the other input that is ready, so more writes share
// it). Nothing here knows of sockets or threads; all of it runs on the
// owner's thread.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace maillab::protocols::durable {

class GroupCommit {
public:
    class Participant {
    public:
        virtual ~Participant() = default;
        // Makes the files written since the last commit durable (and moves into
        // place what had to wait for that); "" or what went wrong.
        virtual std::string sync_files() = 0;
        // fsyncs the directories whose entries changed; "" or what went wrong.
        virtual std::string sync_directories() = 0;
        // Runs after every participant's syncs; `durable` is false if any of
        // them failed. What it does must be durable when it returns; "" or
        // what went wrong (the commit then fails).
        virtual std::string after_commit(bool durable) = 0;
    };

    GroupCommit() = default;
    GroupCommit(const GroupCommit&) = delete;
    GroupCommit& operator=(const GroupCommit&) = delete;

    void join(Participant& participant);
    void leave(Participant& participant);

    // A participant deferred a sync: the first call since the last commit
    // calls the on_pending handler.
    void note_pending();
    bool pending() const { return pending_; }
    // Work deferred before the handler was set asks for a commit at once.
    void on_pending(std::function<void()> ask_for_commit);
    // Runs once, after the next commit; `durable` as in after_commit.
    void after_next_commit(std::function<void(bool durable)> then);

    // Syncs every participant's deferred work and tells the waiters. Returns
    // what went wrong (empty: everything handed over so far is on disk).
    std::vector<std::string> commit();

private:
    std::vector<Participant*> participants_;
    std::vector<std::function<void(bool)>> waiters_;
    std::function<void()> ask_;
    bool pending_ = false;
    bool committing_ = false;
};

}  // namespace maillab::protocols::durable
