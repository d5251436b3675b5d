# `cmake --install build --prefix P`: the tools in P/bin, Kiln's libraries in
# P/lib, its headers in P/include/kiln (rooted as in the source tree:
# "runtime/KilnModel.h", "compiler/Compiler.h"), and P/lib/cmake/Kiln so that
# find_package(Kiln) gives
#   Kiln::runtime   libkiln_runtime: what a compiled model links against
#   Kiln::compiler  the C++ API (compile and run graphs in-process)
#   Kiln::kilnc     the compiler driver, to compile models at build time
include(CMakePackageConfigHelpers)

set(KILN_INSTALLED_LIBRARIES
  KilnRuntime KilnHlo KilnGraphPasses KilnFusion KilnCodegen
  KilnMlirFrontend KilnGraphBuilder KilnOnnxFrontend KilnFrontends
  KilnReference KilnCompiler)
set_target_properties(KilnRuntime PROPERTIES EXPORT_NAME runtime)
set_target_properties(KilnCompiler PROPERTIES EXPORT_NAME compiler)
set_target_properties(kilnc PROPERTIES EXPORT_NAME kilnc)
target_include_directories(KilnRuntime INTERFACE $<INSTALL_INTERFACE:include/kiln>)
# Kiln's C++ headers include LLVM's and MLIR's.
target_include_directories(KilnCompiler SYSTEM INTERFACE
  $<INSTALL_INTERFACE:${LLVM_INCLUDE_DIRS}>
  $<INSTALL_INTERFACE:${MLIR_INCLUDE_DIRS}>)

install(TARGETS ${KILN_INSTALLED_LIBRARIES} kilnc kiln-run kiln-opt
  EXPORT KilnTargets
  RUNTIME DESTINATION bin
  LIBRARY DESTINATION lib
  INCLUDES DESTINATION include/kiln)
# The full kiln-run, which the kiln-run launcher loads from ../lib.
install(TARGETS KilnRunTool LIBRARY DESTINATION lib)

# Headers of the folders a program may include, with the generated .inc
# files the dialect's and the passes' headers include.
foreach(folder runtime compiler dialects passes)
  install(DIRECTORY ${CMAKE_SOURCE_DIR}/${folder} DESTINATION include/kiln
          FILES_MATCHING PATTERN "*.h" PATTERN "python" EXCLUDE)
endforeach()
foreach(folder dialects passes)
  install(DIRECTORY ${CMAKE_BINARY_DIR}/${folder} DESTINATION include/kiln
          FILES_MATCHING PATTERN "*.inc" PATTERN "CMakeFiles" EXCLUDE)
endforeach()

install(EXPORT KilnTargets NAMESPACE Kiln:: DESTINATION lib/cmake/Kiln)
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/KilnConfig.cmake.in
  ${CMAKE_BINARY_DIR}/cmake/KilnConfig.cmake
  INSTALL_DESTINATION lib/cmake/Kiln)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/cmake/KilnConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY ExactVersion)
install(FILES ${CMAKE_BINARY_DIR}/cmake/KilnConfig.cmake
              ${CMAKE_BINARY_DIR}/cmake/KilnConfigVersion.cmake
        DESTINATION lib/cmake/Kiln)
