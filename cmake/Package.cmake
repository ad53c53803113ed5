# `cpack -G DEB` (in the build directory): qadex_VERSION_ARCH.deb, installing
# under /usr what cmake/Install.cmake lists, plus Debian's copyright file and
# changelog.
find_program(GZIP gzip REQUIRED)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME qadex)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "qadex developers <qadex@localhost>")
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "full-text search over expert answers")
# CPack puts the summary first and indents these lines itself.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "qadex indexes question-and-answer threads (JSON Lines or scraped pages) into
a Xapian database and ranks the answers to a free-text question: the
command-line tools qadex-index and qadex-search, and the CGI program
qadex.cgi.")
# The libraries the programs link come from dpkg-shlibdeps (dpkg-dev),
# libicu72 among them: qadex-index links libicuuc, and the searchers open
# the same package's libraries with dlopen (common/src/icu_library.cpp), so
# naming it here too listed it twice (tests/packaging checks it is there,
# once). The spelling corrector reads wamerican's word list, which no link
# shows: it is named here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "wamerican")
# The medical word list (docs/RANKING.md, rule 4): spelling correction works
# without it, but then "corrects" drug names ("amoxicillin" to "ampicillin").
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "hunspell-en-med")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "lighttpd | apache2, python3, bash-completion")

# /usr/share/doc/qadex/copyright and changelog.Debian.gz, as Debian policy asks.
set(qadex_changelog ${PROJECT_BINARY_DIR}/packaging/changelog.Debian)
configure_file(${PROJECT_SOURCE_DIR}/packaging/changelog.Debian.in ${qadex_changelog} @ONLY)
add_custom_command(OUTPUT ${qadex_changelog}.gz
  COMMAND ${GZIP} -9nkf ${qadex_changelog}
  DEPENDS ${qadex_changelog}
  VERBATIM)
add_custom_target(debian_changelog ALL DEPENDS ${qadex_changelog}.gz)
install(FILES packaging/copyright ${qadex_changelog}.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})

include(CPack)
