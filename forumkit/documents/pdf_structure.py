"""Keep the tagged structure of PDFs joined with pypdf (the board pack).

pypdf copies pages, not a document's structure tree, so a joined PDF would lose what makes LibreOffice's PDFs
accessible (headings, paragraphs, lists, tables in reading order). Here each source's structure elements are
copied after its pages and hung under one /Part element per source (titled like its bookmark); the sources'
parent trees are renumbered into one, with each page's /StructParents moved along, and the catalogue is marked
(/MarkInfo). A source without a structure tree (an untagged PDF attachment) stays untagged: its /Part has no
content, and nothing is invented for it. Overlaid page numbers are marked as pagination artifacts, outside
the structure."""

from __future__ import annotations

from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ContentStream,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

__all__ = ["as_artifact", "join_structure"]


def _number_tree(node) -> list[tuple[int, object]]:
    """A number tree's (key, value) pairs, leaves and /Kids alike."""
    if node is None:
        return []
    node = node.get_object()
    pairs = []
    nums = node.get("/Nums") or []
    for i in range(0, len(nums) - 1, 2):
        pairs.append((int(nums[i]), nums[i + 1]))
    for kid in node.get("/Kids") or []:
        pairs += _number_tree(kid)
    return pairs


def join_structure(writer, sources: list[tuple[object, str, int]]) -> int:
    """Give ``writer`` one structure tree made of its sources' trees, in page order.

    ``sources`` holds (reader, title, index of the reader's first page in ``writer``), each reader already
    appended to ``writer`` (so its pages are known there and the copied elements point to them). Returns how
    many sources brought a structure tree."""
    root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    root_ref = writer._add_object(root)
    document = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/StructElem"),
            NameObject("/S"): NameObject("/Document"),
            NameObject("/P"): root_ref,
            NameObject("/K"): ArrayObject(),
        }
    )
    document_ref = writer._add_object(document)
    nums, role_map, next_key, tagged = ArrayObject(), DictionaryObject(), 0, 0
    for reader, title, first in sources:
        part = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructElem"),
                NameObject("/S"): NameObject("/Part"),
                NameObject("/T"): TextStringObject(title),
                NameObject("/P"): document_ref,
                NameObject("/K"): ArrayObject(),
            }
        )
        part_ref = writer._add_object(part)
        document["/K"].append(part_ref)
        tree = reader.trailer["/Root"].get("/StructTreeRoot")
        if tree is None:
            continue
        tagged += 1
        tree = tree.get_object()
        top = tree.get("/K")
        top = list(top) if isinstance(top, ArrayObject) else ([top] if top is not None else [])
        for element in top:
            if isinstance(element, IndirectObject):
                element.get_object()[NameObject("/P")] = part_ref  # not the source's root: it is not copied
                part["/K"].append(element.clone(writer))
        pairs = _number_tree(tree.get("/ParentTree"))
        for key, value in sorted(pairs, key=lambda kv: kv[0]):
            nums += [NumberObject(key + next_key), value.clone(writer) if hasattr(value, "clone") else value]
        for name, role in (tree.get("/RoleMap") or {}).items():
            role_map.setdefault(NameObject(name), role)
        for source_page, page in zip(reader.pages, writer.pages[first : first + len(reader.pages)], strict=False):
            if "/StructParents" in source_page:  # pypdf leaves it out when it copies a page
                page[NameObject("/StructParents")] = NumberObject(int(source_page["/StructParents"]) + next_key)
            for annot in page.get("/Annots") or []:
                annot = annot.get_object()
                if "/StructParent" in annot:
                    annot[NameObject("/StructParent")] = NumberObject(int(annot["/StructParent"]) + next_key)
        next_key += max((k for k, _v in pairs), default=-1) + 1
    root[NameObject("/K")] = ArrayObject([document_ref])
    root[NameObject("/ParentTree")] = writer._add_object(DictionaryObject({NameObject("/Nums"): nums}))
    root[NameObject("/ParentTreeNextKey")] = NumberObject(next_key)
    if role_map:
        root[NameObject("/RoleMap")] = role_map
    catalogue = writer._root_object
    catalogue[NameObject("/StructTreeRoot")] = root_ref
    catalogue[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    return tagged


def as_artifact(page) -> None:
    """Mark everything on ``page`` as a pagination artifact (its own marked content, with MCIDs that would clash
    with the page it is laid over, is dropped); for an overlay such as page numbers."""
    content = ContentStream(page.get_contents(), page.pdf)
    operations = [(operands, op) for operands, op in content.operations if op not in (b"BDC", b"BMC", b"EMC")]
    kind = DictionaryObject({NameObject("/Type"): NameObject("/Pagination")})
    content.operations = [([NameObject("/Artifact"), kind], b"BDC")] + operations + [([], b"EMC")]
    page.replace_contents(content)
