// The words and symbols of the condition language, as the lexer finds them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qaf::detail {

enum class token_kind : std::uint8_t {
  end,
  identifier,  // a fact, a key (key_question_ratings.safe), a function or a lambda parameter
  integer,
  decimal,
  string,
  kw_and,  // and, &&
  kw_or,   // or, ||
  kw_not,  // not, !
  kw_in,
  kw_true,
  kw_false,
  kw_null,
  equal,
  not_equal,
  less,
  less_equal,
  greater,
  greater_equal,
  plus,
  minus,
  left_paren,
  right_paren,
  left_bracket,
  right_bracket,
  comma,
  arrow,  // ->
};

struct token {
  token_kind kind = token_kind::end;
  std::size_t offset = 0;  // bytes into the condition text
  std::size_t length = 0;  // bytes
  std::string text;        // an identifier's name, a string's value (escapes resolved)
  std::int64_t integer = 0;
  double decimal = 0;
};

/// A syntax error: where (bytes into the text) and what.
struct syntax_error {
  std::size_t offset = 0;
  std::string message;
};

/// Splits `text` into tokens ending with token_kind::end; on a malformed token fills `error` and
/// returns false.
bool tokenize(std::string_view text, std::vector<token>& out, syntax_error& error);

}  // namespace qaf::detail
