# Man pages made at build time from each program's --help by Debian's
# help2man, as Xapian's tools do, so they cannot drift from the help; the
# sections --help lacks (EXIT STATUS, ENVIRONMENT, FILES, EXAMPLES) come
# from man/PROGRAM.h2m. Each page is also gzipped, as Debian installs them.
option(QADEX_MAN_PAGES "Generate the man pages with help2man" ON)
if(NOT QADEX_MAN_PAGES)
  return()
endif()
find_program(HELP2MAN help2man)
find_program(GZIP gzip REQUIRED)
if(NOT HELP2MAN)
  message(FATAL_ERROR "help2man not found: run scripts/install-deps (or configure with -DQADEX_MAN_PAGES=OFF)")
endif()

set(QADEX_MAN_DIR ${PROJECT_BINARY_DIR}/man)
set(qadex_man_pages)

# qadex_man_page(TARGET SECTION "one-line description")
function(qadex_man_page target section description)
  set(include_file ${PROJECT_SOURCE_DIR}/man/${target}.h2m)
  set(page ${QADEX_MAN_DIR}/${target}.${section})
  add_custom_command(
    OUTPUT ${page} ${page}.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${QADEX_MAN_DIR}
    COMMAND ${HELP2MAN} --no-info --no-discard-stderr --section=${section} --name=${description}
            --source=qadex --manual=qadex --include=${include_file} --output=${page} $<TARGET_FILE:${target}>
    COMMAND ${GZIP} -9nkf ${page}
    DEPENDS ${target} ${include_file}
    COMMENT "Man page ${target}(${section}) from ${target} --help"
    VERBATIM)
  set(qadex_man_pages ${qadex_man_pages} ${page} ${page}.gz PARENT_SCOPE)
endfunction()

qadex_man_page(qadex-index 1 "index expert Q&A threads into a qadex (Xapian) database")
qadex_man_page(qadex-search 1 "search a qadex database for the answers to a question")
qadex_man_page(qadex.cgi 8 "CGI program serving qadex searches over HTTP")
add_custom_target(man_pages ALL DEPENDS ${qadex_man_pages})
