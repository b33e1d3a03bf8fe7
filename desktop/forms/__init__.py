"""The printed forms of Circular 03/2025/TT-VPCP Appendix I, rendered to PDF bytes with reportlab.

`render(form, view, options)` is the one entry point: `view` is a `DossierView` (or a `RegisterView` for
the register, a `HandOverListView` for the batch hand-over list and an `EndOfDayView` for the end-of-day
sheet, which are no forms of Appendix I), built by `desktop.services.form_data` from the store or by hand in tests.
"""

from __future__ import annotations

from desktop.core.errors import ValidationError
from desktop.forms.model import DossierView, EndOfDayView, HandOverListView, PrintOptions, RegisterView

# CLI/GUI name -> (form number in Appendix I, Vietnamese name)
FORMS: dict[str, tuple[str, str]] = {
    "receipt": ("01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
    "supplement": ("02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
    "refusal": ("03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
    "apology": ("04", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"),
    "stop": ("05", "Thông báo dừng giải quyết hồ sơ"),
    "control": ("06", "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
    "register": ("07", "Sổ theo dõi hồ sơ"),
    "handback": ("", "Biên nhận trả kết quả"),
    "handover_list": ("", "Danh sách bàn giao hồ sơ"),
    "end_of_day": ("", "Báo cáo cuối ngày"),
}
DATED = ("end_of_day",)  # forms of one day (`PrintJob.date_from`) rather than of a dossier


def check_form(form: str) -> None:
    if form not in FORMS:
        raise ValidationError(f"Không có biểu mẫu '{form}'; chọn một trong: {', '.join(FORMS)}.", "form")


View = DossierView | RegisterView | HandOverListView | EndOfDayView


def render(form: str, view: View, options: PrintOptions) -> bytes:
    """The PDF of `form` for `view`."""
    check_form(form)
    if form == "end_of_day":
        from desktop.forms import end_of_day

        if not isinstance(view, EndOfDayView):
            raise TypeError("the end-of-day sheet needs an EndOfDayView")
        return end_of_day.build(view, options)
    if form == "handover_list":
        from desktop.forms import handover_list

        if not isinstance(view, HandOverListView):
            raise TypeError("the hand-over list needs a HandOverListView")
        return handover_list.build(view, options)
    if form == "register":
        from desktop.forms import register

        if not isinstance(view, RegisterView):
            raise TypeError("the register needs a RegisterView")
        return register.build(view, options)
    if not isinstance(view, DossierView):
        raise TypeError(f"{form} needs a DossierView")
    if form == "receipt":
        from desktop.forms import receipt

        return receipt.build(view, options)
    if form == "control":
        from desktop.forms import control

        return control.build(view, options)
    from desktop.forms import notices

    return notices.build(form, view, options)
