"""Just enough of a PDF reader to check what WeasyPrint wrote: the text as
printed (through each font's ToUnicode map) and the images. No PDF library is
in the lock files, and pdftotext is not installed; WeasyPrint's output is
regular (object streams, Flate, hex-encoded glyph strings), so this suffices
for tests of our own PDFs. It is not a general PDF parser."""

import re
import zlib
from dataclasses import dataclass

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
_STREAM = re.compile(rb"^(.*?)stream\r?\n(.*)\r?\nendstream\s*$", re.S)


@dataclass
class PdfObject:
    number: int
    dictionary: bytes
    stream: bytes | None


def _decode(dictionary: bytes, raw: bytes) -> bytes:
    return zlib.decompress(raw) if b"/FlateDecode" in dictionary else raw


def pdf_objects(pdf: bytes) -> dict[int, PdfObject]:
    objects: dict[int, PdfObject] = {}
    for match in _OBJECT.finditer(pdf):
        number, body = int(match[1]), match[2]
        if stream_match := _STREAM.match(body):
            dictionary = stream_match[1]
            objects[number] = PdfObject(number, dictionary, _decode(dictionary, stream_match[2]))
        else:
            objects[number] = PdfObject(number, body, None)
    # Objects packed into object streams (PDF 1.5).
    for container in list(objects.values()):
        if b"/ObjStm" not in container.dictionary or container.stream is None:
            continue
        first = int(re.search(rb"/First (\d+)", container.dictionary)[1])  # type: ignore[index]
        header = container.stream[:first].split()
        offsets = [(int(header[index]), int(header[index + 1])) for index in range(0, len(header), 2)]
        for position, (number, offset) in enumerate(offsets):
            end = offsets[position + 1][1] if position + 1 < len(offsets) else len(container.stream) - first
            objects[number] = PdfObject(number, container.stream[first + offset : first + end], None)
    return objects


def _reference(dictionary: bytes, key: bytes) -> int | None:
    match = re.search(rb"/" + key + rb"\s+(\d+) 0 R", dictionary)
    return int(match[1]) if match else None


def _to_unicode(cmap: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for source, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(source, 16)] = bytes.fromhex(target.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for start, end, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            first = int(target, 16)
            for offset, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                mapping[code] = chr(first + offset)
    return mapping


def pdf_text(pdf: bytes) -> str:
    """The text drawn on the pages, in drawing order; each text object on its own line."""
    objects = pdf_objects(pdf)
    fonts: dict[bytes, dict[int, str]] = {}
    for obj in objects.values():
        for name, number in re.findall(rb"/(\S+?)\s+(\d+) 0 R", obj.dictionary):
            target = objects.get(int(number))
            if target is None or b"/Type /Font" not in target.dictionary:
                continue
            cmap_number = _reference(target.dictionary, b"ToUnicode")
            if cmap_number is not None and (cmap := objects[cmap_number].stream) is not None:
                fonts[name] = _to_unicode(cmap)
    lines: list[str] = []
    for obj in objects.values():
        if obj.stream is None or b" Tf" not in obj.stream:
            continue
        current: dict[int, str] = {}
        for text_object in re.findall(rb"BT(.*?)ET", obj.stream, re.S):
            pieces: list[str] = []
            tokens = rb"/(\S+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|\((.*?)(?<!\\)\)|\s(Td|TD|Tm|T\*)\b"
            for token in re.finditer(tokens, text_object, re.S):
                if token[4] is not None:
                    pieces.append("\n")
                elif token[1] is not None:
                    current = fonts.get(token[1], {})
                elif token[2] is not None:
                    hexed = token[2].decode()
                    width = 4 if current and max(current) > 0xFF else 2
                    if len(hexed) % 4 == 0 and width == 2 and current and len(hexed) >= 4:
                        width = 4 if all(int(hexed[i : i + 4], 16) in current for i in range(0, len(hexed), 4)) else 2
                    pieces.extend(
                        current.get(int(hexed[index : index + width], 16), "?") for index in range(0, len(hexed), width)
                    )
            lines.append("".join(pieces))
    return "\n".join(lines)


@dataclass
class PdfImage:
    width: int
    height: int
    bits: int
    components: int
    data: bytes

    def pixel(self, x: int, y: int) -> int:
        """The first component's value at (x, y), scaled to 0..255."""
        if self.bits == 8:
            return self.data[(y * self.width + x) * self.components]
        row_bytes = (self.width * self.components * self.bits + 7) // 8
        bit_index = x * self.components * self.bits
        byte = self.data[y * row_bytes + bit_index // 8]
        value = (byte >> (8 - self.bits - bit_index % 8)) & ((1 << self.bits) - 1)
        return value * 255 // ((1 << self.bits) - 1)


def pdf_images(pdf: bytes) -> list[PdfImage]:
    images = []
    for obj in pdf_objects(pdf).values():
        if obj.stream is None or b"/Subtype /Image" not in obj.dictionary:
            continue
        width = int(re.search(rb"/Width (\d+)", obj.dictionary)[1])  # type: ignore[index]
        height = int(re.search(rb"/Height (\d+)", obj.dictionary)[1])  # type: ignore[index]
        bits = int(re.search(rb"/BitsPerComponent (\d+)", obj.dictionary)[1])  # type: ignore[index]
        components = 3 if b"/DeviceRGB" in obj.dictionary else 1
        data = obj.stream
        if b"/Predictor 15" in obj.dictionary:
            data = _png_unfilter(data, width, components, bits)
        images.append(PdfImage(width, height, bits, components, data))
    return images


def _png_unfilter(data: bytes, width: int, components: int, bits: int) -> bytes:
    """Undo PNG row filters (the PDF /Predictor 15): each row starts with its filter type."""
    stride = (width * components * bits + 7) // 8
    step = max(1, components * bits // 8)
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for start in range(0, len(data), stride + 1):
        kind, row = data[start], bytearray(data[start + 1 : start + 1 + stride])
        for index in range(stride):
            left = row[index - step] if index >= step else 0
            up = previous[index]
            up_left = previous[index - step] if index >= step else 0
            if kind == 1:
                row[index] = (row[index] + left) & 0xFF
            elif kind == 2:
                row[index] = (row[index] + up) & 0xFF
            elif kind == 3:
                row[index] = (row[index] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - up_left
                distances = (abs(estimate - left), abs(estimate - up), abs(estimate - up_left))
                predictor = (left, up, up_left)[distances.index(min(distances))]
                row[index] = (row[index] + predictor) & 0xFF
        rows.append(row)
        previous = row
    return b"".join(rows)
