#include "expr/condition_error.hpp"

#include "facts/message_text.hpp"

namespace qaf::detail {

std::size_t condition_column(std::string_view text, std::size_t offset) noexcept {
  if (offset > text.size()) offset = text.size();
  return character_count(text.substr(0, offset)) + 1;
}

diagnostic condition_diagnostic(std::string_view code, std::string_view pointer,
                                std::string_view text, std::size_t offset,
                                std::string_view reason) {
  const std::size_t column = condition_column(text, offset);
  std::string message = "column " + std::to_string(column) + ": " + std::string(reason) + '\n';
  message += printable(text);
  message += '\n';
  message.append(column - 1, ' ');
  message += '^';
  return {std::string(code), {}, std::string(pointer), std::move(message)};
}

}  // namespace qaf::detail
