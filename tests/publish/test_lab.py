"""make lab: the project's environment registered as a Jupyter kernel that runs `import helpers`."""

import json

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from helpers.publish import kernels

pytestmark = pytest.mark.slow  # starts a kernel


def test_the_registered_kernel_imports_helpers(tmp_path):
    folder = kernels.register(prefix=str(tmp_path))
    spec = json.loads((folder / "kernel.json").read_text())
    assert spec["display_name"] == kernels.KERNEL_DISPLAY_NAME and "ipykernel_launcher" in " ".join(spec["argv"])
    manager = KernelSpecManager()
    manager.kernel_dirs = [str(folder.parent)]  # only the kernel just registered, not the machine's
    km = KernelManager(kernel_name=kernels.KERNEL_NAME, kernel_spec_manager=manager)
    assert str(km.kernel_spec.resource_dir).startswith(str(tmp_path))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import helpers; print(helpers.__name__)")])
    client = NotebookClient(nb, km=km, timeout=120)
    with kernels.start_lock():
        client.start_new_kernel()
        client.start_new_kernel_client()
    client.execute()
    assert nb.cells[0].outputs[0]["text"].strip() == "helpers"
