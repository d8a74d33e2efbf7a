#include <charconv>
#include <cmath>
#include <system_error>

#include "expr/token.hpp"
#include "facts/message_text.hpp"

namespace qaf::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }

struct keyword {
  std::string_view word;
  token_kind kind;
};

constexpr keyword keywords[] = {
    {"and", token_kind::kw_and},   {"or", token_kind::kw_or},     {"not", token_kind::kw_not},
    {"in", token_kind::kw_in},     {"true", token_kind::kw_true}, {"false", token_kind::kw_false},
    {"null", token_kind::kw_null},
};

class lexer {
 public:
  lexer(std::string_view text, std::vector<token>& out, syntax_error& error)
      : text_(text), out_(out), error_(error) {}

  bool run() {
    out_.clear();
    while (true) {
      while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                     text_[pos_] == '\n' || text_[pos_] == '\r')) {
        ++pos_;
      }
      if (pos_ == text_.size()) {
        push(token_kind::end, pos_, 0);
        return true;
      }
      if (!next()) return false;
    }
  }

 private:
  bool fail(std::size_t offset, std::string message) {
    error_ = {offset, std::move(message)};
    return false;
  }

  token& push(token_kind kind, std::size_t start, std::size_t length) {
    token t;
    t.kind = kind;
    t.offset = start;
    t.length = length;
    out_.push_back(std::move(t));
    return out_.back();
  }

  char peek(std::size_t ahead) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }

  bool next() {
    const char c = text_[pos_];
    const std::size_t start = pos_;
    if (is_name_start(c)) return name();
    if (is_digit(c)) return number();
    if (c == '\'' || c == '"') return string_literal();
    const auto symbol = [&](token_kind kind, std::size_t length) {
      push(kind, start, length);
      pos_ += length;
      return true;
    };
    switch (c) {
      case '(':
        return symbol(token_kind::left_paren, 1);
      case ')':
        return symbol(token_kind::right_paren, 1);
      case '[':
        return symbol(token_kind::left_bracket, 1);
      case ']':
        return symbol(token_kind::right_bracket, 1);
      case ',':
        return symbol(token_kind::comma, 1);
      case '+':
        return symbol(token_kind::plus, 1);
      case '-':
        if (peek(1) == '>') return symbol(token_kind::arrow, 2);
        return symbol(token_kind::minus, 1);
      case '=':
        if (peek(1) == '=') return symbol(token_kind::equal, 2);
        return fail(start, "'=' on its own is not an operator; write '==' to compare");
      case '!':
        if (peek(1) == '=') return symbol(token_kind::not_equal, 2);
        return symbol(token_kind::kw_not, 1);
      case '<':
        if (peek(1) == '=') return symbol(token_kind::less_equal, 2);
        if (peek(1) == '>')
          return fail(start, "'<>' is not an operator; write '!=' for 'not equal'");
        return symbol(token_kind::less, 1);
      case '>':
        if (peek(1) == '=') return symbol(token_kind::greater_equal, 2);
        return symbol(token_kind::greater, 1);
      case '&':
        if (peek(1) == '&') return symbol(token_kind::kw_and, 2);
        return fail(start, "'&' on its own is not an operator; write 'and'");
      case '|':
        if (peek(1) == '|') return symbol(token_kind::kw_or, 2);
        return fail(start, "'|' on its own is not an operator; write 'or'");
      default:
        break;
    }
    const std::size_t length = character_length(text_, pos_);
    return fail(start, "unexpected character '" + printable(text_.substr(pos_, length)) + "'");
  }

  bool name() {
    const std::size_t start = pos_;
    while (true) {
      while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
      // A dot joins an object fact to one of its keys: key_question_ratings.safe.
      if (peek(0) == '.' && is_name_start(peek(1))) {
        ++pos_;
        continue;
      }
      if (peek(0) == '.')
        return fail(pos_, "expected a key after '.', like key_question_ratings.safe");
      break;
    }
    const std::string_view word = text_.substr(start, pos_ - start);
    for (const keyword& k : keywords) {
      if (k.word == word) {
        push(k.kind, start, word.size());
        return true;
      }
    }
    push(token_kind::identifier, start, word.size()).text = std::string(word);
    return true;
  }

  bool number() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    bool is_decimal = false;
    if (peek(0) == '.') {
      if (!is_digit(peek(1))) return fail(pos_, "expected a digit after the decimal point");
      is_decimal = true;
      ++pos_;
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    }
    if (pos_ < text_.size() && is_name_char(text_[pos_])) {
      return fail(pos_, "a number must not run into a name; put a space or an operator between");
    }
    const std::string_view digits = text_.substr(start, pos_ - start);
    token& t = push(is_decimal ? token_kind::decimal : token_kind::integer, start, digits.size());
    const char* first = digits.data();
    const char* last = digits.data() + digits.size();
    if (is_decimal) {
      const auto [end, ec] = std::from_chars(first, last, t.decimal);
      if (ec != std::errc() || end != last || !std::isfinite(t.decimal)) {
        out_.pop_back();
        return fail(start, "the number " + std::string(digits) + " is too large");
      }
    } else {
      const auto [end, ec] = std::from_chars(first, last, t.integer);
      if (ec != std::errc() || end != last) {
        out_.pop_back();
        return fail(start, "the number " + std::string(digits) +
                               " is too large (the largest is 9223372036854775807)");
      }
    }
    return true;
  }

  bool string_literal() {
    const std::size_t start = pos_;
    const char quote = text_[pos_++];
    std::string value;
    while (true) {
      if (pos_ >= text_.size()) {
        return fail(start, std::string("this text has no closing ") +
                               (quote == '\'' ? "quote (')" : "double quote (\")"));
      }
      const char c = text_[pos_];
      if (c == quote) {
        ++pos_;
        break;
      }
      if (c == '\\') {
        const char e = peek(1);
        if (e != '\\' && e != '\'' && e != '"') {
          return fail(pos_, "only \\\\, \\' and \\\" may follow a backslash in text");
        }
        value += e;
        pos_ += 2;
        continue;
      }
      value += c;
      ++pos_;
    }
    push(token_kind::string, start, pos_ - start).text = std::move(value);
    return true;
  }

  std::string_view text_;
  std::vector<token>& out_;
  syntax_error& error_;
  std::size_t pos_ = 0;
};

}  // namespace

bool tokenize(std::string_view text, std::vector<token>& out, syntax_error& error) {
  return lexer(text, out, error).run();
}

}  // namespace qaf::detail
