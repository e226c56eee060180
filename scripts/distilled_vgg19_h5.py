#!/usr/bin/env python3
"""Writes the trained VGG19-shaped encoder of ../shared/models/vgg19-distilled-16x (Collaborative
Distillation, conv1_1..conv5_1 at a quarter of VGG19's widths, MIT) as a VGG19 "notop" weight file
in the layout of Keras' released file (that of src/test/resources/nst/net/keras1/
make_vgg19_keras1_tiny.py), for scripts/precision_loss.sh: a trained network on the VGG19 code path.

The encoder reads RGB / 255 through a 1x1 colour convolution (conv0); VGG19 reads BGR in 0..255
minus the ImageNet mean. Both are affine, so conv0 and the mean fold into conv1_1's kernel and bias
(exact inside the image; at the border the encoder pads by reflection, VGG19 by zeros). The file's
block5_conv2..4, which no tap reads, get seeded random weights. Reads ../shared: a benchmark tool.

    /usr/bin/python3 scripts/distilled_vgg19_h5.py ../shared/models/vgg19-distilled-16x/cd_5SE_E20_oihw.npz OUT.h5
(Debian: apt-get install python3-h5py python3-numpy)
"""
import sys

import h5py
import numpy as np

MEAN_BGR = np.array([103.939, 116.779, 123.68])


def folded_conv11(z):
    """conv1_1 (OIHW) and its bias acting on VGG19's input, BGR in 0..255 minus MEAN_BGR."""
    w0 = z["conv0_W"][:, :, 0, 0].astype(np.float64)  # [out, in] over RGB / 255
    # rgb255[c] = vgg[2 - c] + mean_rgb[c]: conv0's input as an affine map of VGG19's
    a = w0[:, ::-1] / 255.0
    k = w0 @ MEAN_BGR[::-1] / 255.0 + z["conv0_b"].astype(np.float64)
    w1 = z["conv11_W"].astype(np.float64)
    return np.einsum("ojhw,ji->oihw", w1, a), z["conv11_b"] + np.einsum("ojhw,j->o", w1, k)


def main():
    z = np.load(sys.argv[1])
    names = ["input_1"]
    for b, n in enumerate([2, 2, 4, 4, 4], start=1):
        names += ["block%d_conv%d" % (b, c) for c in range(1, n + 1)] + ["block%d_pool" % b]
    rnd = np.random.RandomState(1)
    with h5py.File(sys.argv[2], "w") as f:
        f.attrs["layer_names"] = np.array([n.encode("utf8") for n in names], dtype="S")
        channels = 3
        for name in names:
            g = f.create_group(name)
            if "_conv" not in name:
                g.attrs["weight_names"] = []
                continue
            key = "conv%s%s" % (name[5], name[-1])
            if key == "conv11":
                w, bias = folded_conv11(z)
            elif key + "_W" in z.files:
                w, bias = z[key + "_W"], z[key + "_b"]
            else:
                w = rnd.randn(channels, channels, 3, 3) * np.sqrt(2.0 / (9 * channels))
                bias = np.zeros(channels)
            kernel = np.asarray(w, dtype=np.float32).transpose(2, 3, 1, 0)  # OIHW -> HWIO
            weight_names = [(name + "_W_1:0").encode("utf8"), (name + "_b_1:0").encode("utf8")]
            g.attrs["weight_names"] = np.array(weight_names, dtype="S")
            g.create_dataset(weight_names[0], data=kernel)
            g.create_dataset(weight_names[1], data=np.asarray(bias, dtype=np.float32))
            channels = kernel.shape[3]


if __name__ == "__main__":
    main()
