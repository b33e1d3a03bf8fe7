"""The Vietnamese summary of a pass, shared by `motcua sync` and the GUI's "sync now"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sync.common.text import kilobytes

if TYPE_CHECKING:
    from sync.engine import PassResult

OUTCOMES = {
    "ok": "Đồng bộ xong.",
    "offline": "Không kết nối được máy chủ tỉnh; dữ liệu được giữ lại để gửi sau.",
    "auth": "Máy chủ tỉnh không nhận mã thiết bị: cần đăng ký lại máy trạm. Dữ liệu chờ gửi được giữ nguyên.",
    "not_enrolled": "Máy trạm chưa đăng ký với máy chủ tỉnh.",
    "demo": "Hồ sơ dữ liệu mẫu không được đồng bộ với máy chủ tỉnh thật.",
    "busy": "Một lượt đồng bộ khác đang chạy.",
    "cancelled": "Đã dừng đồng bộ; phần còn lại sẽ được gửi ở lượt sau.",
    "error": "Đồng bộ không thành công.",
}


MAX_CODES = 10  # dossier codes listed by name


def summary_lines(result: PassResult) -> list[str]:
    lines = [
        OUTCOMES.get(result.outcome, result.outcome),
        f"Đã gửi: {result.pushed}",
        f"Tỉnh đã có sẵn: {result.duplicates}",
        f"Bị từ chối: {result.rejected}",
        f"Còn chờ gửi: {result.pending}",
        f"Bản số hoá đã gửi: {result.scans_sent} ({kilobytes(result.scan_bytes)})",
        f"Bản số hoá còn chờ gửi: {result.scans_pending} ({kilobytes(result.scan_bytes_pending)})",
        f"Dung lượng đã gửi: {kilobytes(result.bytes_sent)}",
        f"Nhận về từ tỉnh: {result.received}",
    ]
    if result.received_dossiers:
        shown = ", ".join(result.received_dossiers[:MAX_CODES])
        more = len(result.received_dossiers) - MAX_CODES
        lines.append(
            f"Hồ sơ từ máy trạm khác: {len(result.received_dossiers)} ({shown}"
            + (f" và {more} hồ sơ khác)" if more > 0 else ")")
        )
    lines.extend(f"Đã nhận từ tỉnh: {what}" for what in result.received_versions)
    if result.received_refused:
        lines.append(f"Thay đổi từ tỉnh bị bỏ qua: {result.received_refused}")
        lines.extend(f"  - {note}" for note in result.received_notes)
    if result.received_online:
        lines.append(f"Hồ sơ nộp trực tuyến chờ tiếp nhận: {result.received_online}")
    if result.received_review:
        lines.append(f"Hồ sơ cần xem lại (khác với tỉnh): {result.received_review}")
    if result.problems:
        lines.append(f"Thay đổi bị tỉnh từ chối cần xem lại: {result.problems}")
    if result.message and result.outcome != "ok" or result.message.startswith("Đối chiếu"):
        lines.append(result.message)
    lines.extend(result.reconcile_details)
    return lines
