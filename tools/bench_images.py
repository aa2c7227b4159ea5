"""Benchmark of the image pipeline on synthetic originals.

Prints three figures: images processed per second on a cold cache, the time
of the second build's image step (everything from cache), and the bytes saved
against the originals. Run: `.venv/bin/python -m tools.bench_images`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from PIL import Image, ImageDraw, ImageFilter

from llv.images.pipeline import ImageConfig, ImagePipeline


def synthetic_photo(path: Path, size: tuple[int, int], seed: int) -> None:
    """Photo-like: a fractal for detail, gradients for light, a little grain."""
    width, height = size
    detail = Image.effect_mandelbrot(size, (-2.0 + seed * 0.01, -1.1, 0.8, 1.1), 80)
    light = Image.linear_gradient("L").resize(size)
    grain = Image.effect_noise(size, 12).filter(ImageFilter.GaussianBlur(1))
    image = Image.merge("RGB", (detail, light, Image.blend(light.rotate(180), grain, 0.3)))
    draw = ImageDraw.Draw(image)
    for n in range(6):
        x = (seed * 97 + n * 331) % width
        y = (seed * 53 + n * 197) % height
        draw.rectangle((x, y, x + width // 8, y + height // 10),
                       fill=((40 * n) % 255, (90 + 20 * seed) % 255, 120))
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    image.save(path, quality=92)


def synthetic_logo(path: Path, seed: int) -> None:
    image = Image.new("RGBA", (1200, 900), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((300, 250, 600, 550), fill=(11, 93, 122, 255))
    draw.rectangle((620, 320 + seed * 5, 950, 480), fill=(138, 146, 151, 255))
    image.save(path, optimize=True)


def run(pipeline_config: ImageConfig, photos, logos, output: Path):
    pipeline = ImagePipeline(pipeline_config)
    started = time.perf_counter()
    planned = [pipeline.plan(p, "photo") for p in photos] + [pipeline.plan(l, "logo") for l in logos]
    stats = pipeline.run(output)
    return time.perf_counter() - started, stats, planned


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=16)
    parser.add_argument("--logos", type=int, default=4)
    parser.add_argument("--width", type=int, default=2400)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-images-") as temporary:
        root = Path(temporary)
        images = root / "content" / "images"
        images.mkdir(parents=True)
        photos, logos = [], []
        for n in range(args.photos):
            synthetic_photo(images / f"photo-{n}.jpg", (args.width, args.width * 2 // 3), n)
            photos.append(f"images/photo-{n}.jpg")
        for n in range(args.logos):
            synthetic_logo(images / f"logo-{n}.png", n)
            logos.append(f"images/logo-{n}.png")
        config = ImageConfig(content_dir=root / "content", cache_dir=root / "cache",
                             workers=args.workers)

        cold, cold_stats, planned = run(config, photos, logos, root / "out1")
        warm, warm_stats, _ = run(config, photos, logos, root / "out2")

        originals = sum((root / "content" / p).stat().st_size for p in photos)
        served = {}
        for width in (480, 1200):
            served[width] = sum(
                (root / "out1" / next(v.path for v in item.by_format("avif")
                                      if v.width == width)).stat().st_size
                for item in planned if item.role == "photo")
        fallback = sum((root / "out1" / item.fallback.path).stat().st_size
                       for item in planned if item.role == "photo")

    count = args.photos + args.logos
    print(f"Image pipeline benchmark: {args.photos} photos {args.width}×{args.width * 2 // 3} "
          f"(JPEG q92) + {args.logos} logos, {config.workers} worker(s)")
    print(f"cold cache: {count} images processed in {cold:.1f} s = "
          f"{count / cold:.2f} images/s ({cold_stats.files} files)")
    print(f"second build image step: {warm * 1000:.0f} ms "
          f"({warm_stats.processed} processed, {warm_stats.cached} from cache)")

    def saving(size):
        return f"{size / 1e6:.2f} MB ({100 * (1 - size / originals):.0f} % saved)"

    print(f"bytes saved: originals {originals / 1e6:.2f} MB; served AVIF at 1200 px "
          f"{saving(served[1200])}; AVIF at 480 px (phone) {saving(served[480])}; "
          f"JPEG fallback at {config.fallback_width} px {saving(fallback)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
