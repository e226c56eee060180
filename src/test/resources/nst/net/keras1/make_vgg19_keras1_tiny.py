#!/usr/bin/env python3
"""Writes vgg19_keras1_tiny_notop.h5: a VGG19 "notop" weight file in the layout of the released
vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5, at tiny channel widths, with seeded weights.

It does what Keras 1's Model.save_weights (keras/engine/topology.py, save_weights_to_hdf5_group)
does with h5py, for the layers of keras.applications.vgg19.VGG19(include_top=False) built on the
TensorFlow backend. See README.md beside this file for the layout facts and their sources.

    /usr/bin/python3 make_vgg19_keras1_tiny.py OUT.h5 [--depth 16|19] [--widths 4,6,8,8,8] [--seed 3]
(Debian: apt-get install python3-h5py python3-numpy). Also writes OUT.sums.tsv: each convolution's
kernel shape and the sums of its kernel and bias, which the test checks the Java reader against.
"""
import argparse

import h5py
import numpy as np


def layers(depth):
    convs = {16: [2, 2, 3, 3, 3], 19: [2, 2, 4, 4, 4]}[depth]
    out = ["input_1"]
    for b, n in enumerate(convs, start=1):
        out += ["block%d_conv%d" % (b, c) for c in range(1, n + 1)]
        out.append("block%d_pool" % b)
    return out


def fixed(byte_strings):
    return np.array(byte_strings, dtype="S")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--depth", type=int, default=19)
    ap.add_argument("--widths", default="4,6,8,8,8")
    ap.add_argument("--seed", type=int, default=3)
    a = ap.parse_args()
    widths = [int(w) for w in a.widths.split(",")]
    rnd = np.random.RandomState(a.seed)
    names = layers(a.depth)
    f = h5py.File(a.out, "w")
    # save_weights_to_hdf5_group assigns lists of utf8 bytes; the h5py 2.x of Keras 1's time turned
    # them into numpy 'S' arrays, stored as fixed-length strings (h5py 3 would store variable-length)
    f.attrs["layer_names"] = fixed([n.encode("utf8") for n in names])
    channels = 3
    sums = []
    for name in names:
        g = f.create_group(name)
        if "_conv" not in name:
            g.attrs["weight_names"] = []  # no weights: an empty (float64) array attribute
            continue
        block = int(name[5])
        out = widths[block - 1]
        kernel = (rnd.randn(3, 3, channels, out) * np.sqrt(2.0 / (9 * channels))).astype(np.float32)  # HWIO
        bias = (rnd.rand(out) * 0.01).astype(np.float32)
        # TensorFlow variable names as Keras 1 made them (the released files say _W_1:0 / _b_1:0)
        weight_names = [(name + "_W_1:0").encode("utf8"), (name + "_b_1:0").encode("utf8")]
        g.attrs["weight_names"] = fixed(weight_names)
        for wn, val in zip(weight_names, [kernel, bias]):
            d = g.create_dataset(wn, val.shape, dtype=val.dtype)
            d[...] = val
        sums.append((name, kernel.shape, kernel.astype(np.float64).sum(), bias.astype(np.float64).sum()))
        channels = out
    f.flush()
    f.close()
    with open(a.out.rsplit(".", 1)[0] + ".sums.tsv", "w") as t:  # what the test compares the reader against
        t.write("# layer\tkernel shape (HWIO)\tkernel sum\tbias sum, float64 over the float32 values\n")
        for layer, shape, ks, bs in sums:
            t.write("%s\t%s\t%.9g\t%.9g\n" % (layer, ",".join(map(str, shape)), ks, bs))


if __name__ == "__main__":
    main()
