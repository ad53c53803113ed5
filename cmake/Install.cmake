# Where `cmake --install` and the Debian package put each file (GNU and
# Debian layout: README "Install").
include(GNUInstallDirs)

install(TARGETS qadex-index qadex-search RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Debian's web servers run CGI programs from /usr/lib/cgi-bin, a fixed path
# (not the multiarch libdir).
install(TARGETS qadex.cgi RUNTIME DESTINATION lib/cgi-bin)
if(TARGET qadex.fcgi)
  install(TARGETS qadex.fcgi RUNTIME DESTINATION lib/cgi-bin)
endif()

# The starter synonyms file and the example CGI script (Python 3).
install(FILES data/medical-synonyms.txt DESTINATION ${CMAKE_INSTALL_DATADIR}/qadex)
install(PROGRAMS web/search.cgi DESTINATION ${CMAKE_INSTALL_DATADIR}/qadex)

# docs/ keeps its folder, so that README's links (docs/FORMATS.md) still work.
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
file(GLOB qadex_docs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES ${qadex_docs} DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)

if(QADEX_MAN_PAGES)
  install(FILES ${QADEX_MAN_DIR}/qadex-index.1.gz ${QADEX_MAN_DIR}/qadex-search.1.gz
          DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${QADEX_MAN_DIR}/qadex.cgi.8.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man8)
endif()

# bash-completion loads completions/COMMAND on first use: one script serves
# both programs, installed under each name.
foreach(program qadex-index qadex-search)
  install(FILES packaging/bash-completion/qadex DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
          RENAME ${program})
endforeach()
