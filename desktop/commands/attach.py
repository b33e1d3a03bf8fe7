"""`motcua attach DOSSIER_CODE FILE... [--document N] [--profile text|photo]`: digitise files into a dossier.

Each file becomes one attachment of document line N (1-based; default: the first line without a scan).
PDFs are kept as they are; images go through the page pipeline with the chosen profile. Prints, per
file, its SHA-256, pages and stored bytes. A bad file stops the command before anything is linked.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.core.errors import NotFoundError
from desktop.scan.pipeline import PROFILES


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "attach",
        help="gắn bản số hoá (PDF, ảnh) vào một thành phần hồ sơ",
        description=__doc__.split("\n\n")[0],
    )
    parser.add_argument("dossier_code", metavar="DOSSIER_CODE", help="mã hồ sơ")
    parser.add_argument("files", metavar="FILE", nargs="+", type=Path, help="tệp PDF, JPEG, PNG hoặc TIFF")
    parser.add_argument(
        "--document",
        type=int,
        default=None,
        metavar="N",
        help="số thứ tự thành phần hồ sơ (mặc định: thành phần đầu tiên chưa có bản số hoá)",
    )
    parser.add_argument(
        "--profile",
        choices=PROFILES,
        default="text",
        help="text: đen trắng, nén CCITT G4 (mặc định); photo: ảnh xám/màu JPEG",
    )
    parser.add_argument("--officer", default=None, metavar="USERNAME", help="tên đăng nhập của cán bộ số hoá")
    parser.set_defaults(func=run, profile_log=True)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from desktop.services.attachments import attach_files
    from desktop.store.engine import open_store
    from desktop.store.models import Officer

    store = open_store(args.data_dir)
    try:
        officer_id = None
        if args.officer:
            with store.session() as session:
                officer = session.scalars(select(Officer).where(Officer.username == args.officer)).first()
                if officer is None:
                    raise NotFoundError(f"Không có cán bộ với tên đăng nhập '{args.officer}'.")
                officer_id = officer.id
        results = attach_files(
            store,
            args.dossier_code,
            args.files,
            officer_id=officer_id,
            document=args.document,
            profile=args.profile,
        )
    finally:
        store.close()
    for r in results:
        print(
            f"{r.file_name}\tSHA-256 {r.sha256}\t{r.pages} trang\t{r.size} byte\tthành phần {r.document_number}"
        )
    return 0
