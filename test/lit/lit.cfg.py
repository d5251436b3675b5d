# lit configuration for Kiln: every test runs kiln-opt, kilnc or kiln-run and
# checks the output with FileCheck.
import os
import lit.formats
from lit.llvm import llvm_config

config.name = "Kiln"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.kiln_obj_root, "test", "lit")

llvm_config.with_environment("PATH", config.kiln_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
# kiln-run's compile cache lives in the build tree during tests, never in the
# user's home; tests of the cache itself name their own directory.
config.environment["KILN_CACHE_DIR"] = os.path.join(config.test_exec_root,
                                                    "kiln-cache")
config.substitutions.append(("%examples", os.path.join(config.kiln_src_root, "examples")))
config.substitutions.append(("%python", config.python_executable))
# Deploy tests build C programs against a compiled model and libkiln_runtime
# (include paths are rooted at the source tree, as in Kiln itself).
config.substitutions.append(("%cc", config.c_compiler))
config.substitutions.append(("%kiln_include", config.kiln_src_root))
config.substitutions.append(("%kiln_lib", os.path.join(config.kiln_obj_root, "lib")))

# Tests that need PyTorch as their oracle say `REQUIRES: torch`; without it
# lit reports them as unsupported rather than passed.
import subprocess
for module in ("torch", "onnx"):
    if subprocess.call([config.python_executable, "-c", "import " + module],
                       stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL) == 0:
        config.available_features.add(module)
