"""Regenerates src/sitrep/serve/static/countries.json, the country outlines the
dashboard's map draws (no tiles, no network): Natural Earth 1:110m via the npm
package world-atlas (TopoJSON), decoded to GeoJSON with coordinates rounded to
0.01 degree.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/build_outlines.py package/countries-110m.json
"""
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "serve" / "static" / "countries.json"


def decode_arcs(topology: dict) -> list[list[list[float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, 2), round(y * sy + ty, 2)])
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list) -> list[list[float]]:
    points: list[list[float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def main(path: str) -> None:
    topology = json.loads(Path(path).read_text())
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            coordinates = [[ring(r, arcs) for r in geometry["arcs"]]]
        elif geometry["type"] == "MultiPolygon":
            coordinates = [[ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append({"type": "Feature", "properties": {"name": geometry.get("properties", {}).get("name")},
                         "geometry": {"type": "MultiPolygon", "coordinates": coordinates}})
    OUT.write_text(json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")))
    print(f"{len(features)} countries, {OUT.stat().st_size // 1024} kB → {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
