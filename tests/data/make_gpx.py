"""Writes tests/data/run.gpx with gpxpy: a 30-minute run of 6 km on 2026-03-02 from 06:45
UTC, seven points five minutes apart, 1 km apart due north (latitude steps of 1000 m in
gpxpy's degree, `geo.ONE_DEGREE`), heart rate 140, 144, 148, 152, 156, 160, 164 in a
Garmin TrackPointExtension (mean 152), track type running, named "Tempo Tuesday".

Run it from the repository's root: python tests/data/make_gpx.py"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree

import gpxpy.gpx
from gpxpy import geo

TPX = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"


def main() -> None:
    gpx = gpxpy.gpx.GPX()
    gpx.nsmap["gpxtpx"] = TPX
    track = gpxpy.gpx.GPXTrack(name="Tempo Tuesday")
    track.type = "running"
    segment = gpxpy.gpx.GPXTrackSegment()
    start = dt.datetime(2026, 3, 2, 6, 45, tzinfo=dt.UTC)
    for k in range(7):
        point = gpxpy.gpx.GPXTrackPoint(
            latitude=45.0 + k * 1000 / geo.ONE_DEGREE,
            longitude=7.0,
            time=start + dt.timedelta(minutes=5 * k),
        )
        ext = ElementTree.Element(f"{{{TPX}}}TrackPointExtension")
        ElementTree.SubElement(ext, f"{{{TPX}}}hr").text = str(140 + 4 * k)
        point.extensions.append(ext)
        segment.points.append(point)
    track.segments.append(segment)
    gpx.tracks.append(track)
    Path(__file__).with_name("run.gpx").write_text(gpx.to_xml(), encoding="utf-8")


if __name__ == "__main__":
    main()
