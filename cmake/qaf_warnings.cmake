# Warning and sanitizer flags for qaf's own targets (never pushed onto consumers).
function(qaf_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion -Wnon-virtual-dtor)
  if(QAF_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(QAF_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
