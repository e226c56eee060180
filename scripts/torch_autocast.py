#!/usr/bin/env python3
"""Runs a PyTorch peer script under torch.autocast("cpu", dtype=torch.bfloat16): its convolutions
and matrix products in bfloat16, as PyTorch's own mixed precision does them. Used by
scripts/precision_benchmark.sh. Usage: torch_autocast.py PEER_SCRIPT [ITS ARGUMENTS...]"""
import runpy
import sys

import torch

script = sys.argv[1]
sys.argv = sys.argv[1:]
with torch.autocast("cpu", dtype=torch.bfloat16):
    runpy.run_path(script, run_name="__main__")
