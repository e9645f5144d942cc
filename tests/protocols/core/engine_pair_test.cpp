#include "protocols/core/engine_pair.hpp"

#include <catch2/catch.hpp>

#include "protocols/core/line_framer.hpp"
#include "protocols/core/session_base.hpp"

using namespace maillab::protocols::core;

namespace {

// A tiny line protocol: the server greets, echoes each line upper-cased and
// closes on BYE; the client sends its script after the greeting.
class EchoServer : public SessionBase {
public:
    void start() override { send("HELLO\r\n"); }
    void receive(std::string_view bytes) override {
        framer_.feed(bytes);
        while (auto line = framer_.next_line()) {
            emit(EventKind::Command, line->text);
            std::string reply = line->text;
            for (char& c : reply)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            send(reply + "\r\n");
            if (reply == "BYE") mark_closed("client said bye");
        }
    }
    void on_timeout() override {}
    void on_peer_closed() override {}

private:
    LineFramer framer_;
};

class ScriptClient : public SessionBase {
public:
    explicit ScriptClient(std::vector<std::string> script) : script_(std::move(script)) {}
    void start() override {}
    void receive(std::string_view bytes) override {
        framer_.feed(bytes);
        while (auto line = framer_.next_line()) {
            emit(EventKind::Reply, line->text);
            if (next_ < script_.size()) send(script_[next_++] + "\r\n");
        }
    }
    void on_timeout() override {}
    void on_peer_closed() override {}

private:
    LineFramer framer_;
    std::vector<std::string> script_;
    std::size_t next_ = 0;
};

}  // namespace

TEST_CASE("EnginePair runs a whole conversation in memory") {
    EchoServer server;
    ScriptClient client{{"hi", "bye"}};
    EnginePair pair{client, server};
    pair.start();
    pair.pump();
    REQUIRE(pair.client_to_server() == "hi\r\nbye\r\n");
    REQUIRE(pair.server_to_client() == "HELLO\r\nHI\r\nBYE\r\n");
    REQUIRE(server.closed());
    REQUIRE(pair.server_events().back().kind == EventKind::Close);
    REQUIRE(pair.client_events().size() == 3);
}

TEST_CASE("EnginePair stops a conversation that never ends") {
    class Chatter : public SessionBase {
    public:
        void start() override { send("x\r\n"); }
        void receive(std::string_view) override { send("x\r\n"); }
        void on_timeout() override {}
        void on_peer_closed() override {}
    };
    Chatter a, b;
    EnginePair pair{a, b};
    pair.start();
    REQUIRE(pair.pump(50) == 50);
}
