#include "sim/lesson/lesson_loader.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <limits>

#include "sim/lesson/key_depth.hpp"
#include "sim/lesson/limits.hpp"
#include "sim/lesson/step_context.hpp"
#include "sim/lesson/table_reader.hpp"
#include "sim/lesson/units.hpp"
#include "sim/lesson/world_parser.hpp"

namespace maillab::sim::lesson {

namespace {

constexpr std::array<std::pair<std::string_view, Level>, 3> kLevels{{
    {"beginner", Level::Beginner},
    {"intermediate", Level::Intermediate},
    {"advanced", Level::Advanced},
}};

constexpr int kMaxMinutes = 600;

// Finds the first node nested deeper than kMaxNesting, without recursion, so
// that a hostile file cannot exhaust the stack here.
const toml::node* too_deep(const toml::table& root) {
    std::vector<std::pair<const toml::node*, std::size_t>> pending{{&root, 0}};
    while (!pending.empty()) {
        auto [node, depth] = pending.back();
        pending.pop_back();
        if (depth > kMaxNesting) return node;
        if (const auto* t = node->as_table()) {
            for (const auto& [key, value] : *t)
                pending.emplace_back(&value, depth + 1);
        } else if (const auto* a = node->as_array()) {
            for (const auto& value : *a)
                pending.emplace_back(&value, depth + 1);
        }
    }
    return nullptr;
}

// A quiz question, or a step's prediction: `what` names it in diagnostics.
QuizQuestion question(const toml::table& table, Diagnostics& diags, std::string_view what) {
    QuizQuestion q;
    q.where = position_of(table);
    TableReader r{table, std::string{what}, diags};
    q.question = r.string("question", Need::Required).value_or("");
    auto choices = r.strings("choices", Need::Required);
    if (choices) q.choices = std::move(*choices);
    if (choices && (q.choices.size() < kMinChoices || q.choices.size() > kMaxChoices)) {
        r.error_at(*r.node("choices"), "a question needs " + std::to_string(kMinChoices) + " to " +
                                           std::to_string(kMaxChoices) + " choices, got " +
                                           std::to_string(q.choices.size()));
    }
    if (const toml::node* answer = r.node("answer", Need::Required)) {
        const std::size_t n = q.choices.size();
        if (const auto* i = answer->as_integer()) {
            if (i->get() < 1 || static_cast<std::uint64_t>(i->get()) > n) {
                r.error_at(*answer, "'answer' " + std::to_string(i->get()) +
                                        " is out of range: there are " + std::to_string(n) +
                                        " choices, numbered from 1");
            } else {
                q.answer = static_cast<std::size_t>(i->get() - 1);
            }
        } else if (const auto* s = answer->as_string()) {
            auto it = std::find(q.choices.begin(), q.choices.end(), s->get());
            if (it == q.choices.end())
                r.error_at(*answer, "'answer' \"" + s->get() + "\" is not one of the choices" +
                                        did_you_mean(s->get(), q.choices));
            else
                q.answer = static_cast<std::size_t>(it - q.choices.begin());
        } else {
            r.error_at(*answer,
                       "'answer' must be the number of the right choice (from 1) or "
                       "its exact text, got " +
                           std::string{toml_type_name(*answer)});
        }
    }
    q.explanation = r.string("explanation", Need::Required).value_or("");
    r.finish();
    return q;
}

StepSpec step(const toml::table& table, StepContext& context) {
    StepSpec s;
    s.where = position_of(table);
    TableReader r{table, "step", context.diags()};
    s.title = r.string("title", Need::Required).value_or("");
    s.narration = r.string("narration", Need::Required).value_or("");
    for (const auto* t : r.tables("actions", Need::Optional, kMaxActionsPerStep))
        if (auto a = parse_action(*t, context)) s.actions.push_back(std::move(*a));
    for (const auto* t : r.tables("checks", Need::Optional, kMaxChecksPerStep))
        if (auto c = parse_check(*t, context)) s.checks.push_back(std::move(*c));
    if (const auto* t = r.table("predict", Need::Optional))
        s.predict = question(*t, context.diags(), "prediction");
    r.finish();
    return s;
}

void lesson(const toml::table& root, Diagnostics& diags, LessonSpec& out) {
    TableReader r{root, "the lesson", diags};
    if (auto id = r.string("id", Need::Required)) {
        if (!is_lesson_id(*id))
            r.error_at(*r.node("id"),
                       "'id' must be lowercase letters and digits joined by "
                       "single dashes, like \"pop3-vs-imap\", got \"" +
                           *id + "\"");
        out.id = *id;
    }
    out.title = r.string("title", Need::Required).value_or("");
    out.summary = r.string("summary", Need::Required).value_or("");
    out.level = r.choice<Level>("level", Need::Required, kLevels).value_or(Level::Beginner);
    out.minutes =
        static_cast<int>(r.integer("minutes", Need::Required, 1, kMaxMinutes).value_or(0));
    if (auto seed = r.integer("seed", Need::Optional, 0, std::numeric_limits<std::int64_t>::max()))
        out.seed = static_cast<std::uint64_t>(*seed);
    if (const auto* world = r.table("world", Need::Required))
        out.world = parse_world(*world, diags);
    StepContext context{out.world, diags};
    const auto steps = r.tables("steps", Need::Required, kMaxSteps);
    if (const auto* list = r.node("steps");
        list != nullptr && list->is_array() && list->as_array()->empty())
        r.error_at(*r.node("steps"), "a lesson needs at least one step");
    for (const auto* t : steps)
        out.steps.push_back(step(*t, context));
    for (const auto* t : r.tables("quiz", Need::Optional, kMaxQuizQuestions))
        out.quiz.push_back(question(*t, diags, "quiz question"));
    r.finish();
}

}  // namespace

LoadResult parse_lesson(std::string_view text, const std::string& source_name) {
    Diagnostics diags{source_name};
    LoadResult result;
    if (text.size() > kMaxFileBytes) {
        diags.error(1, 1,
                    "the file is too large (" + std::to_string(text.size()) +
                        " bytes; a lesson may have at most " + std::to_string(kMaxFileBytes) + ")");
        result.diagnostics = diags.take();
        return result;
    }
    if (auto deep = find_deep_key(text, kMaxNesting)) {
        diags.error(deep->line, deep->column,
                    "this key has too many dotted parts (tables nested more than " +
                        std::to_string(kMaxNesting) + " levels deep)");
        result.diagnostics = diags.take();
        return result;
    }
    toml::table root;
    // toml++ as packaged by Debian reports syntax errors only by exception;
    // it is caught right here and becomes an ordinary diagnostic.
    try {
        root = toml::parse(text, source_name);
    } catch (const toml::parse_error& e) {
        const auto& begin = e.source().begin;
        diags.error(static_cast<int>(std::max<std::uint32_t>(begin.line, 1)),
                    static_cast<int>(std::max<std::uint32_t>(begin.column, 1)),
                    std::string{e.description()});
        result.diagnostics = diags.take();
        return result;
    }
    if (const toml::node* deep = too_deep(root)) {
        const SourcePos p = position_of(*deep);
        diags.error(p.line, p.column,
                    "tables and lists are nested too deeply (more than " +
                        std::to_string(kMaxNesting) + " levels)");
        result.diagnostics = diags.take();
        return result;
    }
    LessonSpec spec;
    lesson(root, diags, spec);
    if (diags.empty()) result.lesson = std::move(spec);
    result.diagnostics = diags.take();
    return result;
}

LoadResult load_lesson(const std::filesystem::path& path) {
    const std::string name = path.string();
    std::ifstream in{path, std::ios::binary};
    if (!in) {
        Diagnostics diags{name};
        diags.error(1, 1, "cannot open the file");
        return LoadResult{std::nullopt, diags.take()};
    }
    std::string text;
    // One byte more than the limit is enough to know the file is too large.
    text.resize(kMaxFileBytes + 1);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return parse_lesson(text, name);
}

}  // namespace maillab::sim::lesson
