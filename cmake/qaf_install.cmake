# install(EXPORT) with a package config, so that find_package(qaf CONFIG REQUIRED) works.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS qaf EXPORT qafTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${QAF_PUBLIC_HEADERS} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/qaf)
if(TARGET qaf_cli)
  install(TARGETS qaf_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/schemas/ DESTINATION ${CMAKE_INSTALL_DATADIR}/qaf/schemas)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/packs/ DESTINATION ${CMAKE_INSTALL_DATADIR}/qaf/packs)

set(qaf_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/qaf)
install(EXPORT qafTargets NAMESPACE qaf:: DESTINATION ${qaf_cmake_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/qafConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/qafConfig.cmake
                              INSTALL_DESTINATION ${qaf_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/qafConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/qafConfig.cmake ${PROJECT_BINARY_DIR}/qafConfigVersion.cmake
        DESTINATION ${qaf_cmake_dir})
