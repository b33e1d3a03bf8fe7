<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AddOfficerDialog</name>
    <message>
        <source>Add an officer</source>
        <translation>Thêm cán bộ</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Họ và tên:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Vai trò:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation>&amp;Nhập lại mật khẩu:</translation>
    </message>
    <message>
        <source>At least 8 characters, not only digits, not the username.</source>
        <translation>Ít nhất 8 ký tự, không chỉ gồm chữ số, không trùng tên đăng nhập.</translation>
    </message>
</context>
<context>
    <name>ApologyDialog</name>
    <message>
        <source>Late apology</source>
        <translation>Xin lỗi vì trễ hạn</translation>
    </message>
    <message>
        <source>The result comes after the appointment: record the written apology to the applicant (the return needs it); form 04 is printed next.</source>
        <translation>Kết quả có sau ngày hẹn trả: hãy ghi nhận văn bản xin lỗi gửi người nộp hồ sơ (cần có trước khi trả kết quả); sau đó in Mẫu 04.</translation>
    </message>
    <message>
        <source>Record the apology</source>
        <translation>Ghi nhận xin lỗi</translation>
    </message>
    <message>
        <source>Name and title of the head who signs</source>
        <translation>Họ tên, chức vụ của thủ trưởng ký văn bản</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <source>On paper</source>
        <translation>Văn bản giấy</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>Tin nhắn SMS</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Thư điện tử</translation>
    </message>
    <message>
        <source>Zalo</source>
        <translation>Zalo</translation>
    </message>
    <message>
        <source>Sent by</source>
        <translation>Hình thức gửi</translation>
    </message>
    <message>
        <source>Please enter who signs the apology.</source>
        <translation>Hãy nhập người ký văn bản xin lỗi.</translation>
    </message>
</context>
<context>
    <name>ApplicantForm</name>
    <message>
        <source>Person</source>
        <translation>Cá nhân</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Tổ chức</translation>
    </message>
    <message>
        <source>12 digits</source>
        <translation>12 chữ số</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Nam</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Nữ</translation>
    </message>
    <message>
        <source>old 9-digit ID card, if any</source>
        <translation>số CMND 9 số cũ (nếu có)</translation>
    </message>
    <message>
        <source>house number, village / hamlet — or the full old address</source>
        <translation>số nhà, thôn/tổ — hoặc ghi đầy đủ địa chỉ cũ</translation>
    </message>
    <message>
        <source>e.g. 0912 345 678</source>
        <translation>ví dụ 0912 345 678</translation>
    </message>
    <message>
        <source>Applicant is</source>
        <translation>Chủ hồ sơ là</translation>
    </message>
    <message>
        <source>&amp;Full name</source>
        <translation>Họ &amp;và tên</translation>
    </message>
    <message>
        <source>Personal &amp;ID number</source>
        <translation>Số định &amp;danh cá nhân</translation>
    </message>
    <message>
        <source>Date of &amp;birth</source>
        <translation>Ngày &amp;sinh</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Old ID card number</source>
        <translation>Số CMND cũ</translation>
    </message>
    <message>
        <source>ID issue date</source>
        <translation>Ngày cấp</translation>
    </message>
    <message>
        <source>Province / city</source>
        <translation>Tỉnh / thành phố</translation>
    </message>
    <message>
        <source>Commune / ward</source>
        <translation>Xã / phường</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>Đị&amp;a chỉ</translation>
    </message>
    <message>
        <source>Now in</source>
        <translation>Nay thuộc</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>Điện th&amp;oại</translation>
    </message>
    <message>
        <source>E-&amp;mail</source>
        <translation>E-&amp;mail</translation>
    </message>
    <message>
        <source>Name of the &amp;organisation</source>
        <translation>Tên tổ chức, &amp;doanh nghiệp</translation>
    </message>
    <message>
        <source>&amp;Tax code</source>
        <translation>Mã số th&amp;uế</translation>
    </message>
    <message>
        <source>10 or 13 digits</source>
        <translation>10 hoặc 13 chữ số</translation>
    </message>
    <message>
        <source>— choose the current commune —</source>
        <translation>— chọn xã/phường hiện nay —</translation>
    </message>
    <message>
        <source>Address on the ID card (before the merger): {address}</source>
        <translation>Địa chỉ trên CCCD (trước sáp nhập): {address}</translation>
    </message>
    <message>
        <source>Keep the address as written, without a commune</source>
        <translation>Giữ địa chỉ như đã ghi, không chọn xã/phường</translation>
    </message>
</context>
<context>
    <name>AppointmentBox</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
    <message>
        <source>hh:mm</source>
        <translation>giờ:phút</translation>
    </message>
    <message>
        <source>&amp;Confirm the time limit…</source>
        <translation>Xác &amp;nhận thời hạn…</translation>
    </message>
    <message>
        <source>Appointment date</source>
        <translation>Ngày hẹn trả</translation>
    </message>
    <message>
        <source>time</source>
        <translation>giờ</translation>
    </message>
    <message>
        <source>Appointment if received now: &lt;b&gt;{time}, {day} {date}&lt;/b&gt; ({rule})</source>
        <translation>Hẹn trả nếu tiếp nhận bây giờ: &lt;b&gt;{time}, {day} {date}&lt;/b&gt; ({rule})</translation>
    </message>
    <message>
        <source>No official day-off schedule for {year} yet: the appointment counts only the statutory holidays; please check it.</source>
        <translation>Chưa có lịch nghỉ chính thức năm {year}: ngày hẹn tính theo ngày lễ luật định, hãy kiểm tra.</translation>
    </message>
    <message>
        <source>no time limit given</source>
        <translation>không ghi thời hạn</translation>
    </message>
    <message>
        <source>&lt;b&gt;Time limit not confirmed&lt;/b&gt; (the catalogue says: {said}). Enter the appointment date and time agreed with the applicant.</source>
        <translation>&lt;b&gt;Thời hạn chưa xác nhận&lt;/b&gt; (danh mục ghi: {said}). Hãy nhập ngày và giờ hẹn trả kết quả đã thống nhất với người nộp.</translation>
    </message>
    <message>
        <source>Outside working hours: the appointment counts from the next working session, {time}, {day} {date}.</source>
        <translation>Ngoài giờ làm việc: ngày hẹn tính từ buổi làm việc kế tiếp, {time}, {day} {date}.</translation>
    </message>
</context>
<context>
    <name>AppointmentDialog</name>
    <message>
        <source>Appointment</source>
        <translation>Ngày hẹn trả kết quả</translation>
    </message>
    <message>
        <source>The time limit of this procedure is not confirmed in the catalogue: enter the appointment date and time agreed with the applicant. The dossier is then received and the receipt printed.</source>
        <translation>Thời hạn giải quyết của thủ tục này chưa được xác nhận trong danh mục: hãy nhập ngày và giờ hẹn trả kết quả đã thống nhất với người nộp. Sau đó hồ sơ được tiếp nhận và phiếu tiếp nhận được in.</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>&amp;Tiếp nhận</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
    <message>
        <source>hh:mm</source>
        <translation>giờ:phút</translation>
    </message>
    <message>
        <source>Appointment date</source>
        <translation>Ngày hẹn trả</translation>
    </message>
    <message>
        <source>Appointment time</source>
        <translation>Giờ hẹn trả</translation>
    </message>
    <message>
        <source>Please enter the appointment date and time.</source>
        <translation>Hãy nhập ngày và giờ hẹn trả kết quả.</translation>
    </message>
</context>
<context>
    <name>AttachmentViewer</name>
    <message>
        <source>Open in another program</source>
        <translation>Mở bằng chương trình khác</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Back up</source>
        <translation>Sao lưu dữ liệu</translation>
    </message>
    <message>
        <source>Writes one encrypted file with the dossiers and the scans into the folder (a USB drive, another disk), then reads it back to check it. Keep backups away from this PC.</source>
        <translation>Ghi một tệp đã mã hoá chứa hồ sơ và ảnh quét vào thư mục (ổ USB, ổ đĩa khác), rồi đọc lại để kiểm tra. Hãy cất bản sao lưu tách khỏi máy tính này.</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>C&amp;họn…</translation>
    </message>
    <message>
        <source>&amp;Recovery key:</source>
        <translation>&amp;Khoá khôi phục:</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Thư mục:</translation>
    </message>
    <message>
        <source>&amp;Back up</source>
        <translation>&amp;Sao lưu</translation>
    </message>
    <message>
        <source>Folder for the backup</source>
        <translation>Thư mục để ghi bản sao lưu</translation>
    </message>
    <message>
        <source>Choose an existing folder or USB drive.</source>
        <translation>Hãy chọn một thư mục hoặc ổ USB có sẵn.</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Đang sao lưu…</translation>
    </message>
    <message>
        <source>Backed up and verified: {path} ({scans} scan files).</source>
        <translation>Đã sao lưu và kiểm tra: {path} ({scans} tệp ảnh quét).</translation>
    </message>
    <message>
        <source>&amp;Back up…</source>
        <translation>Sa&amp;o lưu…</translation>
    </message>
    <message>
        <source>No verified backup yet: File → Back up…</source>
        <translation>Chưa có bản sao lưu nào đã kiểm tra: Tệp → Sao lưu…</translation>
    </message>
    <message>
        <source>Last verified backup {days} days ago: File → Back up…</source>
        <translation>Bản sao lưu đã kiểm tra gần nhất cách đây {days} ngày: Tệp → Sao lưu…</translation>
    </message>
    <message>
        <source>Encrypting the stored scans: {done}/{total}</source>
        <translation>Đang mã hoá các bản số hoá đã lưu: {done}/{total}</translation>
    </message>
    <message>
        <source>Stored scans encrypted: {count}</source>
        <translation>Đã mã hoá các bản số hoá: {count}</translation>
    </message>
</context>
<context>
    <name>BatchHandOverDialog</name>
    <message>
        <source>Hand over a batch</source>
        <translation>Bàn giao hồ sơ theo danh sách</translation>
    </message>
    <message>
        <source>Tick the received dossiers to hand over together (today&apos;s are ticked), then name the office that takes them; the hand-over list is printed next for both sides to sign.</source>
        <translation>Đánh dấu các hồ sơ đã tiếp nhận cần bàn giao cùng lúc (hồ sơ nhận hôm nay đã được đánh dấu), rồi ghi cơ quan, bộ phận nhận; danh sách bàn giao được in ngay sau đó để hai bên ký.</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Bàn giao</translation>
    </message>
    <message>
        <source>The list is signed by both sides</source>
        <translation>Danh sách đã được hai bên ký</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Processing office</source>
        <translation>Cơ quan, bộ phận giải quyết</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>Người nhận</translation>
    </message>
    <message>
        <source>No received dossier is waiting to be handed over.</source>
        <translation>Không có hồ sơ nào đang chờ chuyển xử lý.</translation>
    </message>
    <message>
        <source>Tick at least one dossier.</source>
        <translation>Hãy đánh dấu ít nhất một hồ sơ.</translation>
    </message>
    <message>
        <source>Please name the processing office.</source>
        <translation>Hãy nhập cơ quan, bộ phận giải quyết.</translation>
    </message>
</context>
<context>
    <name>CatalogueImportDialog</name>
    <message>
        <source>Import procedure catalogue</source>
        <translation>Nhập danh mục thủ tục</translation>
    </message>
    <message>
        <source>Reads the province&apos;s official list: the national database&apos;s list export (.xlsx), an announcing decision&apos;s appendix (.xlsx, .csv) or procedure detail pages (.txt). Nothing changes until Import. Procedures missing from a national list export are retired; dossiers already received keep their procedure.</source>
        <translation>Đọc danh mục chính thức của tỉnh: danh sách xuất từ Cơ sở dữ liệu quốc gia về TTHC (.xlsx), phụ lục quyết định công bố (.xlsx, .csv) hoặc trang chi tiết thủ tục (.txt). Chưa có gì thay đổi cho đến khi bấm Nhập. Thủ tục không có trong danh sách xuất từ Cơ sở dữ liệu quốc gia sẽ bị bãi bỏ; hồ sơ đã tiếp nhận vẫn giữ thủ tục của mình.</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>C&amp;họn…</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Xem trước</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Tệp:</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã thủ tục</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>What changes</source>
        <translation>Thay đổi</translation>
    </message>
    <message>
        <source>&amp;Changes:</source>
        <translation>&amp;Các thay đổi:</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Nhập</translation>
    </message>
    <message>
        <source>Procedure catalogue file</source>
        <translation>Tệp danh mục thủ tục</translation>
    </message>
    <message>
        <source>Catalogue files (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>Tệp danh mục (*.xlsx *.csv *.txt);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Choose the catalogue file (.xlsx, .csv or .txt).</source>
        <translation>Hãy chọn tệp danh mục thủ tục (.xlsx, .csv hoặc .txt).</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Đang đọc tệp…</translation>
    </message>
    <message>
        <source>{file}: {kind}, {rows} procedures. New version {version}, in force from {day}.</source>
        <translation>{file}: {kind}, {rows} thủ tục. Phiên bản mới {version}, hiệu lực từ {day}.</translation>
    </message>
    <message>
        <source>The catalogue in use already matches the file: nothing to import.</source>
        <translation>Danh mục đang dùng đã khớp với tệp: không có gì để nhập.</translation>
    </message>
    <message>
        <source>{count} procedures stay as they are.</source>
        <translation>{count} thủ tục giữ nguyên.</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <source>time limit not confirmed</source>
        <translation>thời hạn chưa xác nhận</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Sửa</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>Bãi bỏ</translation>
    </message>
    <message>
        <source>not in the province&apos;s list</source>
        <translation>không có trong danh sách của tỉnh</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Lưu ý</translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation>dòng {row}</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Đang nhập…</translation>
    </message>
    <message>
        <source>Imported: catalogue version {version}, in force from {day}.</source>
        <translation>Đã nhập: danh mục thủ tục phiên bản {version}, hiệu lực từ {day}.</translation>
    </message>
    <message>
        <source>&amp;Import procedure catalogue…</source>
        <translation>Nhập &amp;danh mục thủ tục…</translation>
    </message>
</context>
<context>
    <name>CloseGuard</name>
    <message>
        <source>Changes not sent</source>
        <translation>Còn thay đổi chưa gửi</translation>
    </message>
    <message>
        <source>{n} change(s) have not been sent to the province yet.</source>
        <translation>{n} thay đổi chưa được gửi lên tỉnh.</translation>
    </message>
    <message>
        <source>They are kept on this computer and sent at the next sync. Sync now before quitting?</source>
        <translation>Các thay đổi được giữ trên máy này và sẽ gửi ở lần đồng bộ sau. Đồng bộ ngay trước khi thoát?</translation>
    </message>
    <message>
        <source>&amp;Sync and quit</source>
        <translation>Đồng &amp;bộ rồi thoát</translation>
    </message>
    <message>
        <source>This workstation is not connected to the provincial server yet: they are kept on this computer and sent once it is. Connect now?</source>
        <translation>Máy trạm này chưa kết nối với máy chủ tỉnh: các thay đổi được giữ trên máy này và sẽ được gửi khi đã kết nối. Kết nối ngay?</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Kết nối…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Sending changes to the province before quitting…</source>
        <translation>Đang gửi các thay đổi lên tỉnh trước khi thoát…</translation>
    </message>
    <message>
        <source>Stop and quit</source>
        <translation>Dừng và thoát</translation>
    </message>
    <message>
        <source>Synchronising</source>
        <translation>Đang đồng bộ</translation>
    </message>
    <message>
        <source>Not everything could be sent.</source>
        <translation>Chưa gửi được hết các thay đổi.</translation>
    </message>
    <message>
        <source>{n} change(s) are kept on this computer and will be sent at the next sync.</source>
        <translation>{n} thay đổi được giữ trên máy này và sẽ được gửi ở lần đồng bộ sau.</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Ở lại</translation>
    </message>
</context>
<context>
    <name>ConfirmTimeLimitDialog</name>
    <message>
        <source>Confirm a procedure&apos;s time limit</source>
        <translation>Xác nhận thời hạn giải quyết của thủ tục</translation>
    </message>
    <message>
        <source>working days</source>
        <translation>ngày làm việc</translation>
    </message>
    <message>
        <source>working hours</source>
        <translation>giờ làm việc</translation>
    </message>
    <message>
        <source>same day</source>
        <translation>trong ngày</translation>
    </message>
    <message>
        <source>same day only, e.g. 15:00</source>
        <translation>chỉ cho thủ tục trong ngày, ví dụ 15:00</translation>
    </message>
    <message>
        <source>&amp;Procedure:</source>
        <translation>&amp;Thủ tục:</translation>
    </message>
    <message>
        <source>&amp;Time limit:</source>
        <translation>Thời &amp;hạn:</translation>
    </message>
    <message>
        <source>U&amp;nit:</source>
        <translation>Đơn &amp;vị:</translation>
    </message>
    <message>
        <source>&amp;Cut-off hour:</source>
        <translation>&amp;Giờ chốt:</translation>
    </message>
    <message>
        <source>Legal &amp;basis:</source>
        <translation>Căn cứ &amp;pháp lý:</translation>
    </message>
    <message>
        <source>Every procedure of the catalogue has a confirmed time limit.</source>
        <translation>Mọi thủ tục trong danh mục đều đã có thời hạn được xác nhận.</translation>
    </message>
    <message>
        <source>The catalogue says: {said}</source>
        <translation>Danh mục ghi: {said}</translation>
    </message>
    <message>
        <source>no time limit given</source>
        <translation>không ghi thời hạn</translation>
    </message>
    <message>
        <source>Confirmed on {when} by {officer}: {limit}.</source>
        <translation>Đã xác nhận ngày {when} bởi {officer}: {limit}.</translation>
    </message>
    <message>
        <source>Enter the time limit as a number, e.g. 5.</source>
        <translation>Hãy nhập thời hạn bằng số, ví dụ 5.</translation>
    </message>
    <message>
        <source>Enter the cut-off hour as hh:mm, e.g. 15:00.</source>
        <translation>Hãy nhập giờ chốt dạng giờ:phút, ví dụ 15:00.</translation>
    </message>
    <message>
        <source>Confirm time &amp;limits…</source>
        <translation>Xác nhận &amp;thời hạn thủ tục…</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to the provincial server</source>
        <translation>Kết nối máy chủ tỉnh</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>Địa chỉ máy c&amp;hủ:</translation>
    </message>
    <message>
        <source>Provincial &amp;username:</source>
        <translation>Tên đăng nhập &amp;tỉnh:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>Each workstation of the commune has its own number; it splits the offline dossier codes.</source>
        <translation>Mỗi máy trạm của xã có một số riêng; số này chia dải mã hồ sơ cấp khi mất mạng.</translation>
    </message>
    <message>
        <source>&amp;Workstation number:</source>
        <translation>&amp;Số máy trạm:</translation>
    </message>
    <message>
        <source>This computer &amp;replaces the workstation that holds this number</source>
        <translation>Máy này thay cho máy trạm đang &amp;giữ số này</translation>
    </message>
    <message>
        <source>Only the unit administrator&apos;s account may: the old computer can no longer sync. Otherwise ask the province to replace it.</source>
        <translation>Chỉ tài khoản quản trị đơn vị mới được làm việc này: máy cũ sẽ không đồng bộ được nữa. Nếu không, hãy nhờ quản trị hệ thống tỉnh thay máy.</translation>
    </message>
    <message>
        <source>system certificates</source>
        <translation>chứng chỉ của hệ điều hành</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Chọn tệp…</translation>
    </message>
    <message>
        <source>none (direct connection)</source>
        <translation>không dùng (kết nối trực tiếp)</translation>
    </message>
    <message>
        <source>&amp;Daily full sync at</source>
        <translation>Đồng bộ cuối &amp;ngày lúc</translation>
    </message>
    <message>
        <source>&amp;CA certificate file:</source>
        <translation>Tệp chứng chỉ C&amp;A:</translation>
    </message>
    <message>
        <source>HTTP &amp;proxy:</source>
        <translation>&amp;Proxy HTTP:</translation>
    </message>
    <message>
        <source>Connection settings</source>
        <translation>Cài đặt kết nối</translation>
    </message>
    <message>
        <source>Connecting to the provincial server…</source>
        <translation>Đang kết nối máy chủ tỉnh…</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>&amp;Kết nối</translation>
    </message>
    <message>
        <source>&amp;Save settings only</source>
        <translation>Chỉ &amp;lưu cài đặt</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Hủ&amp;y</translation>
    </message>
    <message>
        <source>CA certificate of the province</source>
        <translation>Chứng chỉ CA của tỉnh</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>Chứng chỉ (*.pem *.crt);;Mọi tệp (*)</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>&amp;Reports</source>
        <translation>&amp;Xem báo cáo</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>In progress, within time</source>
        <translation>Đang giải quyết trong hạn</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Đã giải quyết</translation>
    </message>
    <message>
        <source>Resolved early</source>
        <translation>Giải quyết trước hạn</translation>
    </message>
    <message>
        <source>Resolved on time</source>
        <translation>Giải quyết đúng hạn</translation>
    </message>
    <message>
        <source>Resolved late</source>
        <translation>Giải quyết trễ hạn</translation>
    </message>
    <message>
        <source>Supplement requests</source>
        <translation>Yêu cầu bổ sung</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Rút hồ sơ</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Dừng xử lý</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <source>Not yet synced</source>
        <translation>Chưa đồng bộ</translation>
    </message>
    <message>
        <source>Digitised</source>
        <translation>Đã số hóa</translation>
    </message>
    <message>
        <source>Week of {day}: {received} received, {resolved} resolved ({late} late)</source>
        <translation>Tuần từ {day}: tiếp nhận {received}, giải quyết {resolved} ({late} trễ hạn)</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Chủ hồ sơ</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <source>{title}: {n} dossier(s), by due date</source>
        <translation>{title}: {n} hồ sơ, theo hạn trả</translation>
    </message>
    <message>
        <source>Last twelve weeks: &lt;span style=&apos;color:{a}&apos;&gt;■&lt;/span&gt; received, &lt;span style=&apos;color:{b}&apos;&gt;■&lt;/span&gt; resolved, &lt;span style=&apos;color:{c}&apos;&gt;■&lt;/span&gt; resolved late</source>
        <translation>Mười hai tuần gần nhất: &lt;span style=&apos;color:{a}&apos;&gt;■&lt;/span&gt; tiếp nhận, &lt;span style=&apos;color:{b}&apos;&gt;■&lt;/span&gt; đã giải quyết, &lt;span style=&apos;color:{c}&apos;&gt;■&lt;/span&gt; giải quyết trễ hạn</translation>
    </message>
    <message>
        <source>&lt;b&gt;{current}&lt;/b&gt; (previous: {previous}); in progress as of {at}</source>
        <translation>&lt;b&gt;{current}&lt;/b&gt; (kỳ trước: {previous}); hồ sơ đang giải quyết tính đến {at}</translation>
    </message>
    <message>
        <source>{title}: {n} (previous: {m})</source>
        <translation>{title}: {n} (kỳ trước: {m})</translation>
    </message>
    <message>
        <source>On-time rate {rate} (previous: {previous}); average handling time {days} working days</source>
        <translation>Tỷ lệ đúng hạn {rate} (kỳ trước: {previous}); thời gian giải quyết trung bình {days} ngày làm việc</translation>
    </message>
    <message>
        <source>Decision 766, provisional ({n} dossier(s) not yet synced): {items}</source>
        <translation>Chỉ số Quyết định 766, tạm tính ({n} hồ sơ chưa đồng bộ): {items}</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>Bảng &amp;chỉ số</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Bảng chỉ số</translation>
    </message>
</context>
<context>
    <name>DeliveredDialog</name>
    <message>
        <source>Delivered by the post</source>
        <translation>Bưu chính đã phát kết quả</translation>
    </message>
    <message>
        <source>Record the day the post delivered the result of dossier {code}, handed to the post on {day}.</source>
        <translation>Ghi nhận ngày bưu chính phát kết quả của hồ sơ {code} (đã giao bưu chính ngày {day}).</translation>
    </message>
    <message>
        <source>Record the delivery</source>
        <translation>Ghi nhận đã phát</translation>
    </message>
    <message>
        <source>Optional, e.g. who signed for it</source>
        <translation>Không bắt buộc, ví dụ người ký nhận</translation>
    </message>
    <message>
        <source>Delivered on</source>
        <translation>Ngày phát</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>The delivery day cannot be after today ({today}).</source>
        <translation>Ngày phát không được sau hôm nay ({today}).</translation>
    </message>
    <message>
        <source>The post cannot have delivered it before it was handed over on {day}.</source>
        <translation>Ngày phát không được trước ngày giao bưu chính ({day}).</translation>
    </message>
</context>
<context>
    <name>DetailsForm</name>
    <message>
        <source>At the counter</source>
        <translation>Tại Bộ phận Một cửa</translation>
    </message>
    <message>
        <source>By public postal service</source>
        <translation>Qua dịch vụ bưu chính công ích</translation>
    </message>
    <message>
        <source>empty: the applicant&apos;s address</source>
        <translation>để trống: gửi về địa chỉ của chủ hồ sơ</translation>
    </message>
    <message>
        <source>Directly at the counter</source>
        <translation>Trực tiếp</translation>
    </message>
    <message>
        <source>By post</source>
        <translation>Qua bưu chính</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <source>Number of sets</source>
        <translation>Số lượng hồ sơ (bộ)</translation>
    </message>
    <message>
        <source>Result &amp;delivered</source>
        <translation>Nhận &amp;kết quả</translation>
    </message>
    <message>
        <source>Delivery address</source>
        <translation>Địa chỉ nhận kết quả</translation>
    </message>
    <message>
        <source>Received &amp;via</source>
        <translation>Hình thứ&amp;c nộp</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>Gh&amp;i chú</translation>
    </message>
</context>
<context>
    <name>DigitisedLines</name>
    <message>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <source>Digitised</source>
        <translation>Số hoá</translation>
    </message>
    <message numerus="yes">
        <source>Yes, %n page(s)</source>
        <translation>
            <numerusform>Có, %n trang</numerusform>
        </translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Chưa số hoá</translation>
    </message>
</context>
<context>
    <name>DocumentLinesTable</name>
    <message>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Giấy tờ</translation>
    </message>
    <message>
        <source>Originals / copies</source>
        <translation>Bản chính / bản sao</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Đã nhận</translation>
    </message>
    <message>
        <source>Digitised</source>
        <translation>Số hoá</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Còn thiếu</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Chưa có</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n trang</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Bản quét</translation>
    </message>
</context>
<context>
    <name>DocumentsTable</name>
    <message>
        <source>Paper (tick when received)</source>
        <translation>Giấy tờ (đánh dấu khi đã nhận)</translation>
    </message>
    <message>
        <source>Originals</source>
        <translation>Bản chính</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Bản sao</translation>
    </message>
    <message>
        <source>Add another paper (Ctrl+Shift+A)</source>
        <translation>Thêm giấy tờ khác (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>All papers received (Ctrl+Shift+R)</source>
        <translation>Đã nhận đủ các giấy tờ (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source> (if any)</source>
        <translation> (nếu có)</translation>
    </message>
    <message>
        <source>Name of the paper</source>
        <translation>Tên giấy tờ</translation>
    </message>
    <message>
        <source>Scan…</source>
        <translation>Quét…</translation>
    </message>
    <message>
        <source>Scan or import this paper (F6)</source>
        <translation>Quét hoặc nhập tệp cho giấy tờ này (F6)</translation>
    </message>
    <message>
        <source>{n} page(s)</source>
        <translation>{n} trang</translation>
    </message>
</context>
<context>
    <name>DossierActions</name>
    <message>
        <source>&amp;Accept the online submission…</source>
        <translation>&amp;Tiếp nhận hồ sơ trực tuyến…</translation>
    </message>
    <message>
        <source>Request &amp;supplement…</source>
        <translation>Yêu cầu &amp;bổ sung…</translation>
    </message>
    <message>
        <source>Supplement &amp;received…</source>
        <translation>&amp;Nhận bổ sung…</translation>
    </message>
    <message>
        <source>Re&amp;fuse…</source>
        <translation>&amp;Từ chối…</translation>
    </message>
    <message>
        <source>Apologise and &amp;extend…</source>
        <translation>Xin lỗi và &amp;gia hạn…</translation>
    </message>
    <message>
        <source>L&amp;ate apology…</source>
        <translation>&amp;Xin lỗi vì trễ hạn…</translation>
    </message>
    <message>
        <source>S&amp;top processing…</source>
        <translation>&amp;Dừng giải quyết…</translation>
    </message>
    <message>
        <source>&amp;Hand over for processing…</source>
        <translation>&amp;Chuyển xử lý…</translation>
    </message>
    <message>
        <source>Result read&amp;y…</source>
        <translation>Có kết &amp;quả…</translation>
    </message>
    <message>
        <source>Return the res&amp;ult…</source>
        <translation>Trả &amp;kết quả…</translation>
    </message>
    <message>
        <source>Delivered by the p&amp;ost…</source>
        <translation>Bư&amp;u chính đã phát…</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>&amp;Rút hồ sơ…</translation>
    </message>
    <message>
        <source>Rate the ser&amp;vice…</source>
        <translation>Đánh giá &amp;mức độ hài lòng…</translation>
    </message>
    <message>
        <source>Un&amp;do the latest step…</source>
        <translation>&amp;Hoàn tác bước vừa ghi…</translation>
    </message>
    <message>
        <source>Financial obli&amp;gation…</source>
        <translation>&amp;Yêu cầu nghĩa vụ tài chính…</translation>
    </message>
    <message>
        <source>Financial obligation &amp;met…</source>
        <translation>&amp;Hoàn thành nghĩa vụ tài chính…</translation>
    </message>
    <message>
        <source>Re&amp;print receipt</source>
        <translation>&amp;In lại giấy tiếp nhận</translation>
    </message>
    <message>
        <source>&amp;Control slip</source>
        <translation>Phiếu &amp;kiểm soát</translation>
    </message>
    <message>
        <source>Reprint &amp;letter</source>
        <translation>In lại &amp;văn bản</translation>
    </message>
    <message>
        <source>Collect fee&amp;s…</source>
        <translation>Thu &amp;phí, lệ phí…</translation>
    </message>
    <message>
        <source>Settle the rev&amp;iew…</source>
        <translation>Giải quyết cần xem &amp;lại…</translation>
    </message>
    <message>
        <source>Supplement received</source>
        <translation>Nhận hồ sơ bổ sung</translation>
    </message>
    <message>
        <source>Did the applicant bring every paper that was asked for? The legal clock starts again and the appointment moves by the time it stood still.</source>
        <translation>Công dân đã nộp đủ các giấy tờ được yêu cầu bổ sung chưa? Thời hạn giải quyết được tính tiếp và ngày hẹn trả lùi thêm đúng khoảng thời gian đã tạm dừng.</translation>
    </message>
    <message>
        <source>Accept the online submission</source>
        <translation>Tiếp nhận hồ sơ nộp trực tuyến</translation>
    </message>
    <message>
        <source>Are the applicant&apos;s details and papers complete and valid? The dossier is received now (status 2), the appointment is counted from now and the receipt is printed next.</source>
        <translation>Thông tin người nộp và giấy tờ đã đầy đủ, hợp lệ chưa? Hồ sơ được tiếp nhận từ bây giờ (trạng thái 2), ngày hẹn trả tính từ lúc này và phiếu tiếp nhận được in tiếp theo.</translation>
    </message>
    <message>
        <source>Refuse the dossier</source>
        <translation>Từ chối tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <source>The dossier is not accepted for processing; form 03 with the reason is printed next.</source>
        <translation>Hồ sơ không được tiếp nhận giải quyết; sau đó in Mẫu 03 ghi rõ lý do.</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <source>Stop processing</source>
        <translation>Dừng giải quyết</translation>
    </message>
    <message>
        <source>Processing of the dossier stops for good; form 05 with the reason is printed next.</source>
        <translation>Hồ sơ dừng giải quyết hẳn; sau đó in Mẫu 05 ghi rõ lý do.</translation>
    </message>
    <message>
        <source>Collect fees</source>
        <translation>Thu phí, lệ phí</translation>
    </message>
</context>
<context>
    <name>DossierHeader</name>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Chủ hồ sơ</translation>
    </message>
    <message>
        <source>Submitted by</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Result by post to</source>
        <translation>Trả kết quả qua bưu chính tới</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <source>Clock stopped</source>
        <translation>Tạm dừng</translation>
    </message>
    <message>
        <source>Digitised</source>
        <translation>Số hoá</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <source>(extended; was {date})</source>
        <translation>(đã gia hạn; hẹn cũ {date})</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>quá hạn</translation>
    </message>
    <message>
        <source>result ready early</source>
        <translation>có kết quả trước hạn</translation>
    </message>
    <message>
        <source>result ready on time</source>
        <translation>có kết quả đúng hạn</translation>
    </message>
    <message>
        <source>result ready late</source>
        <translation>có kết quả quá hạn</translation>
    </message>
    <message>
        <source>{done} of {total} paper(s)</source>
        <translation>{done}/{total} giấy tờ</translation>
    </message>
    <message>
        <source>Needs review: {note}</source>
        <translation>Cần xem lại: {note}</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>{days} d {hours} h {minutes} min</source>
        <translation>{days} ngày {hours} giờ {minutes} phút</translation>
    </message>
    <message>
        <source>(stopped since {time})</source>
        <translation>(dừng từ {time})</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n thay đổi chờ gửi</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent to the province</source>
        <translation>Đã gửi lên tỉnh</translation>
    </message>
    <message>
        <source>Nothing to send</source>
        <translation>Chưa có gì để gửi</translation>
    </message>
</context>
<context>
    <name>DossierListPage</name>
    <message>
        <source>Search by name, ID number, phone, dossier code or procedure</source>
        <translation>Tìm theo họ tên, số định danh, điện thoại, mã hồ sơ hoặc thủ tục</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Lọc trạng thái:</translation>
    </message>
    <message>
        <source>Sort &amp;by</source>
        <translation>Sắp &amp;xếp theo</translation>
    </message>
    <message>
        <source>Dossier &amp;code</source>
        <translation>&amp;Mã hồ sơ</translation>
    </message>
    <message>
        <source>&amp;Applicant</source>
        <translation>&amp;Chủ hồ sơ</translation>
    </message>
    <message>
        <source>Su&amp;bmitter</source>
        <translation>&amp;Người nộp</translation>
    </message>
    <message>
        <source>&amp;Procedure</source>
        <translation>Thủ &amp;tục</translation>
    </message>
    <message>
        <source>S&amp;tatus</source>
        <translation>T&amp;rạng thái</translation>
    </message>
    <message>
        <source>&amp;Received</source>
        <translation>Ngà&amp;y nhận</translation>
    </message>
    <message>
        <source>D&amp;ue</source>
        <translation>&amp;Hẹn trả</translation>
    </message>
    <message>
        <source>&amp;Descending</source>
        <translation>&amp;Giảm dần</translation>
    </message>
    <message>
        <source>No dossier has the status “{status}”. Choose “All” to see every dossier.</source>
        <translation>Không có hồ sơ nào ở trạng thái “{status}”. Chọn “Tất cả” để xem mọi hồ sơ.</translation>
    </message>
    <message>
        <source>No dossier matches “{text}”. Check the spelling, or search by ID number or phone.</source>
        <translation>Không có hồ sơ nào khớp với “{text}”. Hãy kiểm tra lại chính tả, hoặc tìm theo số định danh hay số điện thoại.</translation>
    </message>
    <message>
        <source>No dossiers yet. Press Ctrl+N to receive the first one.</source>
        <translation>Chưa có hồ sơ nào. Nhấn Ctrl+N để tiếp nhận hồ sơ đầu tiên.</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Chủ hồ sơ</translation>
    </message>
    <message>
        <source>Submitter</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ngày nhận</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Hẹn trả</translation>
    </message>
</context>
<context>
    <name>DossierView</name>
    <message>
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Print tracking &amp;register…</source>
        <translation>In &amp;sổ theo dõi hồ sơ…</translation>
    </message>
    <message>
        <source>Hand over a &amp;batch…</source>
        <translation>&amp;Bàn giao theo danh sách…</translation>
    </message>
    <message>
        <source>Today&apos;s cash state&amp;ment</source>
        <translation>Bảng kê thu &amp;phí trong ngày</translation>
    </message>
    <message>
        <source>Print &amp;end-of-day sheet…</source>
        <translation>In báo cáo &amp;cuối ngày…</translation>
    </message>
    <message>
        <source>&amp;Scan or import…</source>
        <translation>&amp;Quét hoặc nhập tệp…</translation>
    </message>
    <message>
        <source>&amp;View scan</source>
        <translation>&amp;Xem bản số hoá</translation>
    </message>
    <message>
        <source>&amp;Remove scan…</source>
        <translation>&amp;Gỡ bản số hoá…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Papers&lt;/b&gt;</source>
        <translation>&lt;b&gt;Thành phần hồ sơ&lt;/b&gt;</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Quá trình xử lý</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Quét, nhập tệp</translation>
    </message>
    <message>
        <source>Save or delete the pages scanned for paper {number} before scanning another paper.</source>
        <translation>Hãy lưu hoặc xoá các trang đã quét cho giấy tờ số {number} trước khi quét giấy tờ khác.</translation>
    </message>
    <message>
        <source>Scanning into paper {number}: {name}</source>
        <translation>Quét cho giấy tờ số {number}: {name}</translation>
    </message>
    <message>
        <source>The scan was saved with the dossier.</source>
        <translation>Đã lưu bản số hoá vào hồ sơ.</translation>
    </message>
    <message>
        <source>Remove scan</source>
        <translation>Gỡ bản số hoá</translation>
    </message>
    <message>
        <source>Remove this scan ({pages} page(s)) from paper {number}? The paper then counts as not digitised unless it has other scans; the removal is kept in the history.</source>
        <translation>Gỡ bản số hoá này ({pages} trang) khỏi giấy tờ số {number}? Giấy tờ đó sẽ được tính là chưa số hoá nếu không còn bản số hoá nào khác; việc gỡ vẫn được ghi trong lịch sử.</translation>
    </message>
    <message>
        <source>The scan was removed from the dossier; the stored file is kept.</source>
        <translation>Đã gỡ bản số hoá khỏi hồ sơ; tệp đã lưu vẫn được giữ lại.</translation>
    </message>
</context>
<context>
    <name>DraftBanner</name>
    <message>
        <source>&amp;Continue it</source>
        <translation>Tiế&amp;p tục</translation>
    </message>
    <message>
        <source>Start &amp;over</source>
        <translation>Bỏ &amp;qua, nhập mới</translation>
    </message>
    <message>
        <source>An unsaved dossier form from {when} was kept. Continue it?</source>
        <translation>Có một hồ sơ đang nhập dở chưa lưu (lúc {when}). Tiếp tục nhập?</translation>
    </message>
</context>
<context>
    <name>EncryptProgress</name>
    <message>
        <source>Encrypting the data</source>
        <translation>Đang mã hoá dữ liệu</translation>
    </message>
    <message>
        <source>Encrypting the data of this counter (once, after the update). Do not switch the computer off.</source>
        <translation>Đang mã hoá dữ liệu của bộ phận một cửa này (một lần, sau khi cập nhật). Đừng tắt máy tính.</translation>
    </message>
</context>
<context>
    <name>EndOfDayDialog</name>
    <message>
        <source>Print the end-of-day sheet</source>
        <translation>In báo cáo cuối ngày</translation>
    </message>
    <message>
        <source>The day&apos;s dossiers received, handed over and returned, fees, scans, and whether everything has reached the province.</source>
        <translation>Hồ sơ tiếp nhận, bàn giao và trả kết quả trong ngày, phí, lệ phí, bản quét, và mọi thứ đã về đến hệ thống tỉnh hay chưa.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Ngày</translation>
    </message>
</context>
<context>
    <name>EventTimeline</name>
    <message>
        <source>Time</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Việc</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Cán bộ</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Tỉnh</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <source>From another workstation</source>
        <translation>Từ máy trạm khác</translation>
    </message>
    <message>
        <source>Rejected: {reason}</source>
        <translation>Bị từ chối: {reason}</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Chờ gửi</translation>
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <source>Apologise and extend</source>
        <translation>Xin lỗi và gia hạn</translation>
    </message>
    <message>
        <source>Propose a new appointment and give the reason for the delay; form 04 is printed next.</source>
        <translation>Đề nghị ngày hẹn trả mới và nêu lý do chậm; sau đó in Mẫu 04.</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>Gia hạn</translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) later: </source>
        <translation>
            <numerusform>Sau %n ngày làm việc: </numerusform>
        </translation>
    </message>
    <message>
        <source>Another date</source>
        <translation>Ngày khác</translation>
    </message>
    <message>
        <source>Current appointment</source>
        <translation>Hẹn trả hiện tại</translation>
    </message>
    <message>
        <source>New appointment</source>
        <translation>Hẹn trả mới</translation>
    </message>
    <message>
        <source>The new appointment must be after the current one.</source>
        <translation>Ngày hẹn trả mới phải sau ngày hẹn trả hiện tại.</translation>
    </message>
</context>
<context>
    <name>FeeLabel</name>
    <message>
        <source>Fees: &lt;b&gt;free&lt;/b&gt;</source>
        <translation>Phí, lệ phí: &lt;b&gt;miễn phí&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Fees: &lt;b&gt;{total} VND&lt;/b&gt; collected at intake: {lines}</source>
        <translation>Phí, lệ phí: &lt;b&gt;{total} đồng&lt;/b&gt; thu khi tiếp nhận: {lines}</translation>
    </message>
</context>
<context>
    <name>FolderWatch</name>
    <message>
        <source>Watching: %1</source>
        <translation>Đang theo dõi: %1</translation>
    </message>
    <message>
        <source>Watching: %1 (the folder can be reached again)</source>
        <translation>Đang theo dõi: %1 (đã kết nối lại được thư mục)</translation>
    </message>
    <message>
        <source>%1 Trying again; scans wait in the copier&apos;s folder.</source>
        <translation>%1 Đang thử lại; bản quét vẫn nằm trong thư mục của máy photocopy.</translation>
    </message>
</context>
<context>
    <name>HandOverDialog</name>
    <message>
        <source>Hand over for processing</source>
        <translation>Chuyển xử lý</translation>
    </message>
    <message>
        <source>Name the office or officer who takes the dossier; the process control slip is printed next.</source>
        <translation>Ghi cơ quan, bộ phận hoặc cán bộ nhận hồ sơ; sau đó in Phiếu kiểm soát quá trình giải quyết.</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Chuyển</translation>
    </message>
    <message>
        <source>Processing office</source>
        <translation>Nơi nhận xử lý</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>Người nhận</translation>
    </message>
    <message>
        <source>Please name the processing office.</source>
        <translation>Hãy nhập nơi nhận xử lý hồ sơ.</translation>
    </message>
</context>
<context>
    <name>HelpSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Lệnh</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Phím</translation>
    </message>
</context>
<context>
    <name>HiddenProceduresDialog</name>
    <message>
        <source>Procedures at the counter</source>
        <translation>Thủ tục tiếp nhận tại quầy</translation>
    </message>
    <message>
        <source>Untick the procedures this commune never receives: they leave the intake&apos;s procedure list on this workstation. Dossiers already received are not affected.</source>
        <translation>Bỏ đánh dấu các thủ tục đơn vị không bao giờ tiếp nhận: chúng không còn trong danh sách chọn thủ tục khi tiếp nhận trên máy này. Hồ sơ đã tiếp nhận không bị ảnh hưởng.</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>&amp;Tìm:</translation>
    </message>
    <message>
        <source>Shown at the counter</source>
        <translation>Hiện khi tiếp nhận</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Khác</translation>
    </message>
    <message>
        <source>{hidden} of {total} procedures hidden</source>
        <translation>Đang ẩn {hidden}/{total} thủ tục</translation>
    </message>
    <message>
        <source>&amp;Procedures at the counter…</source>
        <translation>Thủ tục tại &amp;quầy…</translation>
    </message>
</context>
<context>
    <name>IncompleteDialog</name>
    <message>
        <source>Required papers missing</source>
        <translation>Thiếu giấy tờ bắt buộc</translation>
    </message>
    <message>
        <source>These required papers are not ticked as received:</source>
        <translation>Các giấy tờ bắt buộc sau chưa được đánh dấu đã nhận:</translation>
    </message>
    <message>
        <source>Reason (printed on the form)</source>
        <translation>Lý do (in trên phiếu)</translation>
    </message>
    <message>
        <source>Request &amp;supplement (form 02)</source>
        <translation>Yêu cầu &amp;bổ sung (Mẫu 02)</translation>
    </message>
    <message>
        <source>&amp;Refuse to receive (form 03)</source>
        <translation>&amp;Từ chối tiếp nhận (Mẫu 03)</translation>
    </message>
    <message>
        <source>&amp;Go back</source>
        <translation>&amp;Quay lại</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Lý do:</translation>
    </message>
    <message>
        <source>Please enter the reason.</source>
        <translation>Hãy nhập lý do.</translation>
    </message>
</context>
<context>
    <name>IntakeScans</name>
    <message>
        <source>5. Scans (F6)</source>
        <translation>5. Bản số hoá (F6)</translation>
    </message>
    <message>
        <source>Paper {n}</source>
        <translation>Giấy tờ {n}</translation>
    </message>
    <message>
        <source>{n} scanned page(s) of &apos;{paper}&apos; are not saved yet: press &apos;Save scan&apos; or delete them first.</source>
        <translation>{n} trang đã quét của &apos;{paper}&apos; chưa được lưu: hãy bấm &apos;Lưu bản số hoá&apos; hoặc xoá các trang đó trước.</translation>
    </message>
    <message>
        <source>Scanning into: &lt;b&gt;{paper}&lt;/b&gt;</source>
        <translation>Đang số hoá cho: &lt;b&gt;{paper}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{n} page(s) saved to &apos;{paper}&apos;.</source>
        <translation>Đã lưu {n} trang vào &apos;{paper}&apos;.</translation>
    </message>
    <message>
        <source>The scan of &apos;{paper}&apos; was removed.</source>
        <translation>Đã bỏ bản số hoá của &apos;{paper}&apos;.</translation>
    </message>
</context>
<context>
    <name>IntakeView</name>
    <message>
        <source>New dossier</source>
        <translation>Tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <source>Read ID card data from clipboard (Ctrl+Shift+V)</source>
        <translation>Dán dữ liệu mã QR thẻ căn cước (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <source>&amp;Save dossier (Ctrl+S)</source>
        <translation>&amp;Lưu hồ sơ (Ctrl+S)</translation>
    </message>
    <message>
        <source>1. Applicant (F3)</source>
        <translation>1. Chủ hồ sơ (F3)</translation>
    </message>
    <message>
        <source>2. Procedure (F2)</source>
        <translation>2. Thủ tục hành chính (F2)</translation>
    </message>
    <message>
        <source>3. Papers received (F4)</source>
        <translation>3. Thành phần hồ sơ đã nhận (F4)</translation>
    </message>
    <message>
        <source>4. Result and notes</source>
        <translation>4. Trả kết quả và ghi chú</translation>
    </message>
    <message>
        <source>Save the dossier</source>
        <translation>Lưu hồ sơ</translation>
    </message>
    <message>
        <source>Read ID card data from clipboard</source>
        <translation>Dán dữ liệu mã QR thẻ căn cước</translation>
    </message>
    <message>
        <source>Search a procedure</source>
        <translation>Tìm thủ tục</translation>
    </message>
    <message>
        <source>Go to the applicant&apos;s name</source>
        <translation>Đến ô họ tên người nộp</translation>
    </message>
    <message>
        <source>Go to the papers</source>
        <translation>Đến danh sách giấy tờ</translation>
    </message>
    <message>
        <source>Add another paper</source>
        <translation>Thêm giấy tờ khác</translation>
    </message>
    <message>
        <source>All papers received</source>
        <translation>Đã nhận đủ các giấy tờ</translation>
    </message>
    <message>
        <source>Scan the selected paper</source>
        <translation>Quét giấy tờ đang chọn</translation>
    </message>
    <message>
        <source>Close the form</source>
        <translation>Đóng biểu mẫu</translation>
    </message>
    <message>
        <source>Some fields are longer than allowed: shorten them; nothing can be saved until then.</source>
        <translation>Một số ô dài quá mức cho phép: hãy rút gọn; chưa thể lưu cho đến khi rút gọn xong.</translation>
    </message>
    <message>
        <source>The ID card QR code could not be read: {reason}</source>
        <translation>Không đọc được mã QR thẻ căn cước: {reason}</translation>
    </message>
    <message>
        <source>ID card read: {name}</source>
        <translation>Đã đọc thẻ căn cước: {name}</translation>
    </message>
    <message>
        <source>The scanner sent incomplete ID card data. Scan the QR code again.</source>
        <translation>Máy quét gửi dữ liệu thẻ căn cước không đầy đủ. Hãy quét lại mã QR.</translation>
    </message>
    <message>
        <source>The scanned code is not the QR code of an ID card; nothing was filled and the field is as you typed it.</source>
        <translation>Mã vừa quét không phải mã QR của thẻ căn cước: không điền gì, ô đang nhập vẫn giữ nguyên như anh/chị đã gõ.</translation>
    </message>
    <message>
        <source>A code scanned while a dialog was open was ignored: close the dialog, then scan again.</source>
        <translation>Mã được quét khi đang mở hộp thoại nên đã bị bỏ qua: hãy đóng hộp thoại rồi quét lại.</translation>
    </message>
    <message>
        <source>The clipboard does not hold ID card data (too long).</source>
        <translation>Bộ nhớ tạm không chứa dữ liệu thẻ căn cước (quá dài).</translation>
    </message>
    <message>
        <source>Scanned pages are not saved into a paper yet: press &apos;Save scan&apos; or delete them.</source>
        <translation>Các trang đã quét chưa được lưu vào giấy tờ nào: hãy bấm &apos;Lưu bản số hoá&apos; hoặc xoá các trang đó.</translation>
    </message>
    <message>
        <source>Please correct the highlighted fields; nothing was saved.</source>
        <translation>Hãy sửa các trường được đánh dấu; hồ sơ chưa được lưu.</translation>
    </message>
    <message>
        <source>Please enter the appointment; nothing was saved.</source>
        <translation>Hãy nhập ngày hẹn trả kết quả; chưa lưu gì.</translation>
    </message>
    <message>
        <source>Saved dossier &lt;b&gt;{code}&lt;/b&gt; — supplement requested (form 02)</source>
        <translation>Đã lưu hồ sơ &lt;b&gt;{code}&lt;/b&gt; — yêu cầu bổ sung (Mẫu 02)</translation>
    </message>
    <message>
        <source>Saved dossier &lt;b&gt;{code}&lt;/b&gt; — refused (form 03)</source>
        <translation>Đã lưu hồ sơ &lt;b&gt;{code}&lt;/b&gt; — từ chối tiếp nhận (Mẫu 03)</translation>
    </message>
    <message>
        <source>Saved dossier &lt;b&gt;{code}&lt;/b&gt; — appointment {time} {date}</source>
        <translation>Đã lưu hồ sơ &lt;b&gt;{code}&lt;/b&gt; — hẹn trả {time} {date}</translation>
    </message>
    <message>
        <source>Fees exempted</source>
        <translation>Đã miễn phí, lệ phí</translation>
    </message>
    <message>
        <source>Collected {amount} VND, receipt {numbers}</source>
        <translation>Đã thu {amount} đồng, biên lai số {numbers}</translation>
    </message>
</context>
<context>
    <name>LimitGuard</name>
    <message>
        <source>Not pasted: the text has {n} characters and this field takes at most {limit}.</source>
        <translation>Chưa dán: đoạn văn bản có {n} ký tự, ô này chỉ nhận tối đa {limit} ký tự.</translation>
    </message>
</context>
<context>
    <name>LockPanel</name>
    <message>
        <source>The screen is locked</source>
        <translation>Màn hình đang khoá</translation>
    </message>
    <message>
        <source>Signed in: {name} ({username}). Enter your password to go on where you left off.</source>
        <translation>Đang đăng nhập: {name} ({username}). Nhập mật khẩu để làm tiếp từ chỗ đang dừng.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Mở khoá</translation>
    </message>
    <message>
        <source>&amp;Switch officer…</source>
        <translation>Đổi &amp;cán bộ…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Một Cửa</source>
        <translation>Một Cửa</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>Đă&amp;ng nhập</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Th&amp;oát</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Đăng &amp;xuất</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <source>&amp;Dossier</source>
        <translation>&amp;Hồ sơ</translation>
    </message>
    <message>
        <source>&amp;New dossier…</source>
        <translation>Tiếp nhận hồ sơ &amp;mới…</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Tìm kiếm</translation>
    </message>
    <message>
        <source>&amp;Refresh list</source>
        <translation>&amp;Làm mới danh sách</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>Đồng &amp;bộ</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>Đồng bộ &amp;ngay</translation>
    </message>
    <message>
        <source>Sync &amp;screen…</source>
        <translation>&amp;Màn hình đồng bộ…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Phím tắt</translation>
    </message>
    <message>
        <source>&amp;About Một Cửa</source>
        <translation>&amp;Giới thiệu Một Cửa</translation>
    </message>
    <message>
        <source>Officer: {name} ({username})</source>
        <translation>Cán bộ: {name} ({username})</translation>
    </message>
    <message>
        <source>workstation {n}</source>
        <translation>máy {n}</translation>
    </message>
    <message>
        <source>{n} dossier(s) found</source>
        <translation>Tìm thấy {n} hồ sơ</translation>
    </message>
    <message>
        <source>{n} dossier(s)</source>
        <translation>{n} hồ sơ</translation>
    </message>
    <message>
        <source>About Một Cửa</source>
        <translation>Giới thiệu Một Cửa</translation>
    </message>
    <message>
        <source>&lt;b&gt;Một Cửa Desktop&lt;/b&gt; version {version}</source>
        <translation>&lt;b&gt;Một Cửa Desktop&lt;/b&gt; phiên bản {version}</translation>
    </message>
    <message>
        <source>Receiving dossiers at the one-stop counter of {unit}, offline first, synchronised with the provincial system.</source>
        <translation>Tiếp nhận hồ sơ tại Bộ phận Một cửa của {unit}; làm việc cả khi mất mạng và đồng bộ với hệ thống của tỉnh.</translation>
    </message>
</context>
<context>
    <name>NewPasswordDialog</name>
    <message>
        <source>New password for {username}</source>
        <translation>Mật khẩu mới cho {username}</translation>
    </message>
    <message>
        <source>New pass&amp;word:</source>
        <translation>&amp;Mật khẩu mới:</translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation>&amp;Nhập lại mật khẩu:</translation>
    </message>
</context>
<context>
    <name>ObligationDialog</name>
    <message>
        <source>Financial obligation</source>
        <translation>Nghĩa vụ tài chính</translation>
    </message>
    <message>
        <source>Copy the notice of the tax office or issuing body: the dossier waits for the payment (the legal clock keeps running).</source>
        <translation>Ghi theo thông báo của cơ quan thuế hoặc cơ quan ra thông báo: hồ sơ chờ công dân nộp tiền (thời hạn giải quyết vẫn tính).</translation>
    </message>
    <message>
        <source>Record the notice</source>
        <translation>Ghi nhận thông báo</translation>
    </message>
    <message>
        <source>Notice number</source>
        <translation>Số thông báo</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>Cơ quan ra thông báo</translation>
    </message>
    <message>
        <source>Amount (VND)</source>
        <translation>Số tiền (đồng)</translation>
    </message>
    <message>
        <source>Notice date</source>
        <translation>Ngày thông báo</translation>
    </message>
    <message>
        <source>Pay by</source>
        <translation>Hạn nộp</translation>
    </message>
    <message>
        <source>Please enter the notice number.</source>
        <translation>Hãy nhập số thông báo.</translation>
    </message>
    <message>
        <source>Please name the body that issued the notice.</source>
        <translation>Hãy nhập cơ quan ra thông báo.</translation>
    </message>
    <message>
        <source>The amount must be a positive whole number of dong.</source>
        <translation>Số tiền phải là số nguyên dương (đồng).</translation>
    </message>
    <message>
        <source>The pay-by date must not be before the notice date.</source>
        <translation>Hạn nộp không được trước ngày thông báo.</translation>
    </message>
</context>
<context>
    <name>ObligationMetDialog</name>
    <message>
        <source>Financial obligation met</source>
        <translation>Hoàn thành nghĩa vụ tài chính</translation>
    </message>
    <message>
        <source>Enter the number of the payment document (receipt, payment order); the dossier goes back to processing. Leave the amount empty when it is the notice&apos;s.</source>
        <translation>Nhập số chứng từ nộp tiền (biên lai, giấy nộp tiền); hồ sơ trở lại đang xử lý. Để trống số tiền nếu đúng bằng số tiền trong thông báo.</translation>
    </message>
    <message>
        <source>Record the payment</source>
        <translation>Ghi nhận đã nộp</translation>
    </message>
    <message>
        <source>Payment document</source>
        <translation>Số chứng từ nộp tiền</translation>
    </message>
    <message>
        <source>Amount paid (VND)</source>
        <translation>Số tiền đã nộp (đồng)</translation>
    </message>
    <message>
        <source>Paid at (place)</source>
        <translation>Nơi nộp</translation>
    </message>
    <message>
        <source>Please enter the number of the payment document.</source>
        <translation>Hãy nhập số chứng từ nộp tiền.</translation>
    </message>
    <message>
        <source>The amount must be a positive whole number of dong.</source>
        <translation>Số tiền phải là số nguyên dương (đồng).</translation>
    </message>
</context>
<context>
    <name>OfficersDialog</name>
    <message>
        <source>S&amp;witch officer…</source>
        <translation>Đổi &amp;cán bộ…</translation>
    </message>
    <message>
        <source>&amp;Officers…</source>
        <translation>Quản lý cán &amp;bộ…</translation>
    </message>
    <message>
        <source>Please fill in this field.</source>
        <translation>Hãy nhập ô này.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Hai lần nhập mật khẩu không giống nhau.</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Quản trị viên</translation>
    </message>
    <message>
        <source>Counter officer</source>
        <translation>Cán bộ một cửa</translation>
    </message>
    <message>
        <source>Read-only (leader, inspector)</source>
        <translation>Chỉ xem (lãnh đạo, thanh tra)</translation>
    </message>
    <message>
        <source>Officers</source>
        <translation>Cán bộ</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Đăng nhập lần cuối</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Thêm…</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>Đặt lại &amp;mật khẩu…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Ngừng kích hoạt</translation>
    </message>
    <message>
        <source>&amp;Lift lockout</source>
        <translation>Mở &amp;khoá tài khoản</translation>
    </message>
    <message>
        <source> min</source>
        <translation> phút</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>Lư&amp;u</translation>
    </message>
    <message>
        <source>Lock this workstation&apos;s screen after &amp;idle time:</source>
        <translation>Tự khoá màn hình máy này khi không thao tác &amp;quá:</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Máy trạm</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Việc</translation>
    </message>
    <message>
        <source>Officer concerned</source>
        <translation>Cán bộ liên quan</translation>
    </message>
    <message>
        <source>&amp;Officers</source>
        <translation>&amp;Cán bộ</translation>
    </message>
    <message>
        <source>Audit &amp;log</source>
        <translation>Nhật ký &amp;hoạt động</translation>
    </message>
    <message>
        <source>locked until {time}</source>
        <translation>tạm khoá đến {time}</translation>
    </message>
    <message>
        <source>active</source>
        <translation>đang hoạt động</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>ngừng hoạt động</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>Kích hoạt &amp;lại</translation>
    </message>
</context>
<context>
    <name>PageViewer</name>
    <message>
        <source>Scanned page</source>
        <translation>Trang đã quét</translation>
    </message>
</context>
<context>
    <name>PayDialog</name>
    <message>
        <source>Collect fees</source>
        <translation>Thu phí, lệ phí</translation>
    </message>
    <message>
        <source>Collect the fees of dossier {code}; one receipt per kind is printed next.</source>
        <translation>Thu phí, lệ phí của hồ sơ {code}; sau đó in biên lai (phí và lệ phí in riêng).</translation>
    </message>
    <message>
        <source>Collect {amount} VND</source>
        <translation>Thu {amount} đồng</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Tiền mặt</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>Chuyển khoản</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Hình thức thu</translation>
    </message>
    <message>
        <source>Copies or pages</source>
        <translation>Số bản sao hoặc số trang</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>Số tiền phải thu</translation>
    </message>
    <message>
        <source>None: collect the fees</source>
        <translation>Không: thu phí, lệ phí</translation>
    </message>
    <message>
        <source>Exemption</source>
        <translation>Miễn phí, lệ phí</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Print preview: {title}</source>
        <translation>Xem trước khi in: {title}</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <source>80 mm roll</source>
        <translation>Giấy cuộn 80 mm</translation>
    </message>
    <message>
        <source>Pa&amp;per:</source>
        <translation>&amp;Khổ giấy:</translation>
    </message>
    <message>
        <source>&amp;Two copies (2 liên)</source>
        <translation>2 &amp;liên</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Trang trước</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Trang sau</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Thu nhỏ</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Phóng to</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Vừa chiều rộng</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Mở thư mục</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Đó&amp;ng</translation>
    </message>
    <message>
        <source>Saved as {path}</source>
        <translation>Đã lưu tại {path}</translation>
    </message>
    <message>
        <source>No printer is installed. The PDF is saved as {path}</source>
        <translation>Máy tính chưa cài máy in nào. Bản PDF đã được lưu tại {path}</translation>
    </message>
    <message>
        <source>P&amp;rinter:</source>
        <translation>&amp;Máy in:</translation>
    </message>
    <message>
        <source>Preparing the PDF…</source>
        <translation>Đang tạo tệp PDF…</translation>
    </message>
    <message>
        <source>Page {page}/{pages}</source>
        <translation>Trang {page}/{pages}</translation>
    </message>
    <message>
        <source>Printing on {name}…</source>
        <translation>Đang in trên máy {name}…</translation>
    </message>
    <message>
        <source>Sent {pages} page(s) to {name}.</source>
        <translation>Đã gửi {pages} trang tới máy in {name}.</translation>
    </message>
    <message>
        <source>{problem}
The PDF is saved as {path}</source>
        <translation>{problem}
Bản PDF đã được lưu tại {path}</translation>
    </message>
    <message>
        <source>Cannot print</source>
        <translation>Không in được</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <source>Type the procedure name, code or short name, then Enter</source>
        <translation>Gõ tên, mã hoặc tên viết tắt của thủ tục rồi nhấn Enter</translation>
    </message>
    <message>
        <source>Next field in the procedure list</source>
        <translation>Lĩnh vực tiếp theo trong danh sách thủ tục</translation>
    </message>
    <message>
        <source>Previous field in the procedure list</source>
        <translation>Lĩnh vực trước trong danh sách thủ tục</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>không ghi</translation>
    </message>
    <message>
        <source>Time limit not confirmed</source>
        <translation>Thời hạn chưa xác nhận</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không</translation>
    </message>
    <message>
        <source>&lt;b&gt;Field:&lt;/b&gt; {field}</source>
        <translation>&lt;b&gt;Lĩnh vực:&lt;/b&gt; {field}</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Khác</translation>
    </message>
    <message>
        <source>&lt;b&gt;Time limit:&lt;/b&gt; {limit}</source>
        <translation>&lt;b&gt;Thời hạn:&lt;/b&gt; {limit}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Fee:&lt;/b&gt; {fee}</source>
        <translation>&lt;b&gt;Phí, lệ phí:&lt;/b&gt; {fee}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Papers ({count}):&lt;/b&gt;</source>
        <translation>&lt;b&gt;Thành phần hồ sơ ({count}):&lt;/b&gt;</translation>
    </message>
    <message>
        <source>shown, not kept</source>
        <translation>xuất trình, không lưu</translation>
    </message>
    <message>
        <source>{originals} original, {copies} copy</source>
        <translation>{originals} bản chính, {copies} bản sao</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… và {count} giấy tờ khác</translation>
    </message>
</context>
<context>
    <name>RatingDialog</name>
    <message>
        <source>Rate the service</source>
        <translation>Đánh giá mức độ hài lòng</translation>
    </message>
    <message>
        <source>How satisfied is the applicant with dossier {code}? Press 1, 2 or 3.</source>
        <translation>Người dân có hài lòng với việc giải quyết hồ sơ {code} không? Nhấn 1, 2 hoặc 3.</translation>
    </message>
    <message>
        <source>Record the rating</source>
        <translation>Ghi nhận đánh giá</translation>
    </message>
    <message>
        <source>1 · Very satisfied</source>
        <translation>1 · Rất hài lòng</translation>
    </message>
    <message>
        <source>2 · Satisfied</source>
        <translation>2 · Hài lòng</translation>
    </message>
    <message>
        <source>3 · Dissatisfied</source>
        <translation>3 · Không hài lòng</translation>
    </message>
    <message>
        <source>Required when dissatisfied</source>
        <translation>Bắt buộc khi không hài lòng</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Press 1, 2 or 3 to choose the rating.</source>
        <translation>Nhấn 1, 2 hoặc 3 để chọn mức đánh giá.</translation>
    </message>
    <message>
        <source>Please enter the reason the applicant is dissatisfied.</source>
        <translation>Hãy ghi lý do người dân không hài lòng.</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Please enter the reason.</source>
        <translation>Hãy nhập lý do.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Recovery key</source>
        <translation>Khoá khôi phục</translation>
    </message>
    <message>
        <source>This is the recovery key of this workstation&apos;s data. It opens the data and its backups on another PC or when the system&apos;s password store is lost. It is shown only now: print it (or write it down) and keep it locked away, apart from the PC and the backup drives.</source>
        <translation>Đây là khoá khôi phục dữ liệu của máy trạm này. Khoá mở được dữ liệu và các bản sao lưu trên máy khác hoặc khi kho mật khẩu của hệ điều hành bị mất. Khoá chỉ hiện lần này: hãy in ra (hoặc chép lại) và cất trong tủ có khoá, tách khỏi máy tính và các ổ sao lưu.</translation>
    </message>
    <message>
        <source>&amp;Print the sheet…</source>
        <translation>&amp;In tờ khoá…</translation>
    </message>
    <message>
        <source>Type the &amp;last group of the key to confirm you kept it:</source>
        <translation>Gõ lại &amp;nhóm cuối của khoá để xác nhận đã cất giữ:</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPrompt</name>
    <message>
        <source>Recovery key</source>
        <translation>Khoá khôi phục</translation>
    </message>
    <message>
        <source>The data of this counter is encrypted and the system&apos;s password store did not give its key (it is locked, missing, or this is another computer). Type the recovery key printed at setup.</source>
        <translation>Dữ liệu của bộ phận một cửa này đã được mã hoá, nhưng kho mật khẩu của hệ điều hành không cho khoá để mở (kho bị khoá, chưa có, hoặc đây là máy khác). Hãy nhập khoá khôi phục đã in khi cài đặt.</translation>
    </message>
    <message>
        <source>The data of this counter is to be encrypted, and the system&apos;s password store did not give its key (it is locked or missing). Type the recovery key printed at setup to encrypt it now, or choose Not now: the data stays as it is and this is asked again at the next start.</source>
        <translation>Dữ liệu của máy này cần được mã hoá, nhưng kho mật khẩu của hệ điều hành không đưa ra được khoá (kho bị khoá hoặc chưa có). Hãy nhập khoá khôi phục đã in khi cài đặt để mã hoá ngay, hoặc chọn Để sau: dữ liệu giữ nguyên như hiện nay và lần mở sau sẽ hỏi lại.</translation>
    </message>
    <message>
        <source>&amp;Recovery key:</source>
        <translation>&amp;Khoá khôi phục:</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Mở</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>&amp;Để sau</translation>
    </message>
</context>
<context>
    <name>RegisterRangeDialog</name>
    <message>
        <source>Print the tracking register</source>
        <translation>In sổ theo dõi hồ sơ</translation>
    </message>
    <message>
        <source>Dossiers received between these two dates (inclusive) are listed.</source>
        <translation>Liệt kê các hồ sơ tiếp nhận từ ngày đến ngày (tính cả hai ngày).</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <source>The end date must not be before the start date.</source>
        <translation>Ngày kết thúc không được trước ngày bắt đầu.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Make a report</source>
        <translation>Lập báo cáo</translation>
    </message>
    <message>
        <source>The report is saved to a file of your choice and opened.</source>
        <translation>Báo cáo được lưu vào tệp bạn chọn rồi mở ra.</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Ghi tệp…</translation>
    </message>
    <message>
        <source>Results of handling procedures (form II.06a)</source>
        <translation>Tình hình, kết quả giải quyết TTHC (Biểu số II.06a)</translation>
    </message>
    <message>
        <source>Tracking register (form 07)</source>
        <translation>Sổ theo dõi hồ sơ (mẫu 07)</translation>
    </message>
    <message>
        <source>Satisfaction of applicants</source>
        <translation>Mức độ hài lòng của người dân</translation>
    </message>
    <message>
        <source>Fee statement</source>
        <translation>Bảng kê thu phí, lệ phí</translation>
    </message>
    <message>
        <source>e.g. 2026-Q4, 2026-11, 2026</source>
        <translation>ví dụ 2026-Q4, 2026-11, 2026</translation>
    </message>
    <message>
        <source>Cut-off dates (from the 15th to the 14th)</source>
        <translation>Kỳ chốt số liệu (từ ngày 15 đến ngày 14)</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>&amp;Loại báo cáo</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Kỳ báo cáo</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Từ ngày</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>Đế&amp;n ngày</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>Định &amp;dạng</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Lập lúc</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Kỳ báo cáo</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Đã giải quyết</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Đang giải quyết</translation>
    </message>
    <message>
        <source>Not synced</source>
        <translation>Chưa đồng bộ</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Reports made &amp;before</source>
        <translation>Báo &amp;cáo đã lập</translation>
    </message>
    <message>
        <source>Excel (XLSX)</source>
        <translation>Excel (XLSX)</translation>
    </message>
    <message>
        <source>The end date must not be before the start date.</source>
        <translation>Ngày kết thúc không được trước ngày bắt đầu.</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Lưu báo cáo</translation>
    </message>
    <message>
        <source>&amp;Make a report…</source>
        <translation>&amp;Lập báo cáo…</translation>
    </message>
</context>
<context>
    <name>ResultDialog</name>
    <message>
        <source>Result ready</source>
        <translation>Có kết quả</translation>
    </message>
    <message>
        <source>Record the result of dossier {code} that the processing office sent back.</source>
        <translation>Ghi nhận kết quả giải quyết hồ sơ {code} do cơ quan, bộ phận giải quyết chuyển về.</translation>
    </message>
    <message>
        <source>Record the result</source>
        <translation>Ghi nhận kết quả</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>Chấp thuận</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Từ chối giải quyết</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Reason for refusal</source>
        <translation>Lý do từ chối</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>Số, ký hiệu văn bản</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation>Ngày ký</translation>
    </message>
    <message>
        <source>A PDF or image of the result (optional)</source>
        <translation>Tệp PDF hoặc ảnh của kết quả (không bắt buộc)</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <source>Scan of the result</source>
        <translation>Bản quét kết quả</translation>
    </message>
    <message>
        <source>PDF or images (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
        <translation>PDF hoặc ảnh (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Please enter the reason for the refusal.</source>
        <translation>Hãy nhập lý do từ chối giải quyết.</translation>
    </message>
    <message>
        <source>There is no file at this path.</source>
        <translation>Không có tệp ở đường dẫn này.</translation>
    </message>
</context>
<context>
    <name>ReturnByCode</name>
    <message>
        <source>Return a result by code</source>
        <translation>Trả kết quả theo mã</translation>
    </message>
    <message>
        <source>Scan the QR code of the receipt, or type the dossier code</source>
        <translation>Quét mã QR trên giấy tiếp nhận, hoặc nhập mã hồ sơ</translation>
    </message>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Return a result by &amp;code…</source>
        <translation>Trả &amp;kết quả theo mã…</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return the result</source>
        <translation>Trả kết quả</translation>
    </message>
    <message>
        <source>Hand the result of dossier {code} to the citizen; the hand-over receipt is printed next.</source>
        <translation>Trả kết quả hồ sơ {code} cho công dân; sau đó in biên nhận trả kết quả.</translation>
    </message>
    <message>
        <source>Result returned</source>
        <translation>Đã trả kết quả</translation>
    </message>
    <message>
        <source>At the counter</source>
        <translation>Tại bộ phận một cửa</translation>
    </message>
    <message>
        <source>By post</source>
        <translation>Qua bưu chính</translation>
    </message>
    <message>
        <source>The applicant</source>
        <translation>Chủ hồ sơ</translation>
    </message>
    <message>
        <source>An authorised person</source>
        <translation>Người được ủy quyền</translation>
    </message>
    <message>
        <source>Someone else</source>
        <translation>Người khác</translation>
    </message>
    <message>
        <source>Number and date of the authorisation</source>
        <translation>Số, ngày giấy ủy quyền</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Hình thức trả</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>Người nhận</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số giấy tờ tùy thân</translation>
    </message>
    <message>
        <source>Authorisation</source>
        <translation>Giấy ủy quyền</translation>
    </message>
    <message>
        <source>Originals given back</source>
        <translation>Giấy tờ bản chính trả lại</translation>
    </message>
    <message>
        <source>Postal waybill</source>
        <translation>Mã vận đơn bưu chính</translation>
    </message>
    <message>
        <source>Please enter the waybill.</source>
        <translation>Hãy nhập mã vận đơn bưu chính.</translation>
    </message>
    <message>
        <source>Please enter the name of the person taking the result.</source>
        <translation>Hãy nhập họ tên người nhận kết quả.</translation>
    </message>
    <message>
        <source>Please enter their ID number.</source>
        <translation>Hãy nhập số giấy tờ tùy thân của người nhận.</translation>
    </message>
    <message>
        <source>Please enter the authorisation&apos;s number and date.</source>
        <translation>Hãy nhập số, ngày của giấy ủy quyền.</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Settle the review</source>
        <translation>Giải quyết hồ sơ cần xem lại</translation>
    </message>
    <message>
        <source>The counter and the province recorded different things:
{facts}

Choose which stands. Both stay in the history; your decision is sent to the province at the next sync.</source>
        <translation>Bộ phận một cửa và tỉnh ghi nhận khác nhau:
{facts}

Hãy chọn theo bên nào. Cả hai vẫn được giữ trong lịch sử; quyết định được gửi lên tỉnh ở lần đồng bộ tới.</translation>
    </message>
    <message>
        <source>Settle</source>
        <translation>Quyết định</translation>
    </message>
    <message>
        <source>Keep the counter&apos;s status ({status})</source>
        <translation>Giữ trạng thái tại bộ phận một cửa ({status})</translation>
    </message>
    <message>
        <source>Take the province&apos;s step</source>
        <translation>Theo bước xử lý của tỉnh</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Quyết định</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
</context>
<context>
    <name>RowsModel</name>
    <message>
        <source>Most used here ({count})</source>
        <translation>Hay dùng tại đơn vị ({count})</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Khác</translation>
    </message>
</context>
<context>
    <name>ScanPanel</name>
    <message>
        <source>Text (black and white)</source>
        <translation>Văn bản (đen trắng)</translation>
    </message>
    <message>
        <source>Photo (grey or colour)</source>
        <translation>Ảnh (xám hoặc màu)</translation>
    </message>
    <message>
        <source>Turn pages upright</source>
        <translation>Tự xoay trang cho thẳng chiều</translation>
    </message>
    <message>
        <source>Detect pages fed sideways or upside down and turn them</source>
        <translation>Phát hiện trang đặt ngang hoặc ngược và tự xoay lại</translation>
    </message>
    <message>
        <source>&amp;Scan</source>
        <translation>&amp;Quét</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>&amp;Nhập tệp…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Scan-to-folder…</source>
        <translation>Nhận bản quét từ thư mục…</translation>
    </message>
    <message>
        <source>Import what a network copier saves into a shared folder from now on</source>
        <translation>Từ giờ, tự nhập các tệp mà máy photocopy mạng lưu vào thư mục dùng chung</translation>
    </message>
    <message>
        <source>Stop watching</source>
        <translation>Thôi theo dõi</translation>
    </message>
    <message>
        <source>Rotate left</source>
        <translation>Xoay trái</translation>
    </message>
    <message>
        <source>Rotate right</source>
        <translation>Xoay phải</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xoá trang</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Xem</translation>
    </message>
    <message>
        <source>Save scan</source>
        <translation>Lưu bản số hoá</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Máy quét</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Khay giấy</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Độ phân giải</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Chế độ</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) scanned</source>
        <translation>
            <numerusform>Đã quét %n trang</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n page(s)</source>
        <translation>
            <numerusform>Đã lưu %n trang</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n trang</numerusform>
        </translation>
    </message>
    <message>
        <source>Watching: %1. Scans moved from it into the encrypted store: %2.</source>
        <translation>Đang theo dõi: %1. Số bản quét đã chuyển từ thư mục này vào kho dữ liệu mã hoá: %2.</translation>
    </message>
    <message>
        <source>Folder where the copier saves scans</source>
        <translation>Thư mục máy photocopy lưu bản quét</translation>
    </message>
    <message>
        <source>Import scanned files</source>
        <translation>Nhập tệp đã quét</translation>
    </message>
    <message>
        <source>Documents (%1)</source>
        <translation>Tài liệu (%1)</translation>
    </message>
    <message>
        <source>No scanner found: import files instead</source>
        <translation>Không thấy máy quét: hãy nhập tệp</translation>
    </message>
    <message>
        <source>Flatbed</source>
        <translation>Mặt kính</translation>
    </message>
    <message>
        <source>Document feeder</source>
        <translation>Khay nạp tự động (ADF)</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Xám</translation>
    </message>
    <message>
        <source>Black and white</source>
        <translation>Đen trắng</translation>
    </message>
    <message>
        <source>%1 dpi</source>
        <translation>%1 dpi</translation>
    </message>
</context>
<context>
    <name>ScreenLock</name>
    <message>
        <source>&amp;Lock screen</source>
        <translation>Khoá &amp;màn hình</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>First-run setup</source>
        <translation>Thiết lập lần đầu</translation>
    </message>
    <message>
        <source>Welcome. Enter your commune and the first officer account of this workstation. To look around first, open the demo profile with synthetic dossiers.</source>
        <translation>Xin chào. Hãy nhập thông tin xã/phường và tài khoản cán bộ đầu tiên của máy này. Muốn dùng thử trước, hãy mở hồ sơ dữ liệu mẫu với các hồ sơ giả lập.</translation>
    </message>
    <message>
        <source>e.g. Xã Ia Grai</source>
        <translation>ví dụ: Xã Ia Grai</translation>
    </message>
    <message>
        <source>as issued by the province, e.g. H21.55.10</source>
        <translation>theo mã tỉnh cấp, ví dụ: H21.55.10</translation>
    </message>
    <message>
        <source>choose or type</source>
        <translation>chọn hoặc nhập</translation>
    </message>
    <message>
        <source>Commune or ward</source>
        <translation>Xã, phường</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Tên:</translation>
    </message>
    <message>
        <source>Agency &amp;identifier code:</source>
        <translation>Mã định danh &amp;cơ quan:</translation>
    </message>
    <message>
        <source>&amp;Province:</source>
        <translation>Tỉnh/thành &amp;phố:</translation>
    </message>
    <message>
        <source>&amp;Workstation number:</source>
        <translation>&amp;Số máy trạm:</translation>
    </message>
    <message>
        <source>First officer (administrator)</source>
        <translation>Cán bộ đầu tiên (quản trị)</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>Tên đă&amp;ng nhập:</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Họ và tên:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>Nhập &amp;lại mật khẩu:</translation>
    </message>
    <message>
        <source>Open &amp;demo profile</source>
        <translation>Mở &amp;dữ liệu mẫu</translation>
    </message>
    <message>
        <source>&amp;Create and continue</source>
        <translation>Tạo &amp;và tiếp tục</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Hai mật khẩu không giống nhau.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Demo profile with synthetic dossiers.
Username: {username} — password: {password}</source>
        <translation>Dữ liệu mẫu với hồ sơ giả lập.
Tên đăng nhập: {username} — mật khẩu: {password}</translation>
    </message>
    <message>
        <source>Creating the demo profile…</source>
        <translation>Đang tạo dữ liệu mẫu…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Demo profile</source>
        <translation>Dữ liệu mẫu</translation>
    </message>
</context>
<context>
    <name>SubmitterBox</name>
    <message>
        <source>Submitted by someone else (tick to enter)</source>
        <translation>Người nộp hồ sơ khác chủ hồ sơ (đánh dấu để nhập)</translation>
    </message>
    <message>
        <source>Submitter&apos;s name</source>
        <translation>Họ tên người nộp</translation>
    </message>
    <message>
        <source>Submitter&apos;s ID number</source>
        <translation>Số định danh người nộp</translation>
    </message>
    <message>
        <source>Submitter&apos;s phone</source>
        <translation>Điện thoại người nộp</translation>
    </message>
</context>
<context>
    <name>SupplementDialog</name>
    <message>
        <source>Request a supplement</source>
        <translation>Yêu cầu bổ sung, hoàn thiện hồ sơ</translation>
    </message>
    <message>
        <source>Tick the papers the applicant must supplement or complete. The legal clock stops until they are brought; form 02 is printed next.</source>
        <translation>Đánh dấu các giấy tờ công dân cần bổ sung, hoàn thiện. Thời hạn giải quyết tạm dừng cho đến khi nộp đủ; sau đó in Mẫu 02.</translation>
    </message>
    <message>
        <source>Request supplement</source>
        <translation>Yêu cầu bổ sung</translation>
    </message>
    <message>
        <source>Another paper, not in the list (optional)</source>
        <translation>Giấy tờ khác, không có trong danh sách (nếu có)</translation>
    </message>
    <message>
        <source>Papers</source>
        <translation>Giấy tờ</translation>
    </message>
    <message>
        <source>Other paper</source>
        <translation>Giấy tờ khác</translation>
    </message>
    <message>
        <source>Tick at least one paper, or name another one.</source>
        <translation>Hãy đánh dấu ít nhất một giấy tờ, hoặc ghi tên giấy tờ khác.</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <source>Sync &amp;now</source>
        <translation>Đồng bộ &amp;ngay</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Thay đổi</translation>
    </message>
    <message>
        <source>Scans</source>
        <translation>Bản số hoá</translation>
    </message>
    <message>
        <source>Scan size</source>
        <translation>Dung lượng bản số hoá</translation>
    </message>
    <message>
        <source>No cap</source>
        <translation>Không giới hạn</translation>
    </message>
    <message>
        <source>&amp;Apply cap</source>
        <translation>&amp;Lưu giới hạn</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Kết thúc</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Cách chạy</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <source>Received by the province</source>
        <translation>Tỉnh đã nhận</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Bị từ chối</translation>
    </message>
    <message>
        <source>Came back from the province</source>
        <translation>Tỉnh gửi về</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Re&amp;try after correction</source>
        <translation>Gửi lạ&amp;i sau khi sửa</translation>
    </message>
    <message>
        <source>Upload &amp;cap:</source>
        <translation>Tốc độ gửi tối đ&amp;a:</translation>
    </message>
    <message>
        <source>Waiting to be &amp;sent</source>
        <translation>Đang &amp;chờ gửi</translation>
    </message>
    <message>
        <source>Pass hist&amp;ory</source>
        <translation>Lịch &amp;sử các lượt đồng bộ</translation>
    </message>
    <message>
        <source>Refused by the pro&amp;vince</source>
        <translation>Tỉnh &amp;không nhận</translation>
    </message>
    <message>
        <source>{records} change(s) and {scans} scan(s) ({size}) waiting to be sent.</source>
        <translation>{records} thay đổi và {scans} bản số hoá ({size}) đang chờ gửi.</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>thủ công</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>tự động</translation>
    </message>
    <message>
        <source>end of day</source>
        <translation>cuối ngày</translation>
    </message>
    <message>
        <source>command line</source>
        <translation>dòng lệnh</translation>
    </message>
    <message>
        <source>running or interrupted</source>
        <translation>Đang chạy hoặc bị ngắt</translation>
    </message>
    <message>
        <source>{n} change(s), {size}</source>
        <translation>{n} thay đổi, {size}</translation>
    </message>
    <message>
        <source>{n} applied, {refused} refused</source>
        <translation>{n} đã áp dụng, {refused} bị bỏ qua</translation>
    </message>
    <message>
        <source>This workstation is not connected to the provincial server yet (Sync → Connect).</source>
        <translation>Máy trạm chưa kết nối với máy chủ tỉnh (Đồng bộ → Kết nối máy chủ tỉnh…).</translation>
    </message>
    <message>
        <source>Automatic sync is paused: nothing is sent until you resume or press Sync now.</source>
        <translation>Đồng bộ tự động đang tạm dừng: không gửi gì cho đến khi mở lại hoặc bấm Đồng bộ ngay.</translation>
    </message>
    <message>
        <source>The provincial server does not answer; what is waiting is sent when it does.</source>
        <translation>Máy chủ tỉnh không trả lời; dữ liệu chờ gửi sẽ được gửi khi kết nối lại.</translation>
    </message>
    <message>
        <source>Automatic sync is on: changes go to the province a few seconds after they are made.</source>
        <translation>Đồng bộ tự động đang bật: thay đổi được gửi lên tỉnh vài giây sau khi ghi.</translation>
    </message>
    <message>
        <source>&amp;Resume automatic sync</source>
        <translation>&amp;Mở lại đồng bộ tự động</translation>
    </message>
    <message>
        <source>&amp;Pause automatic sync</source>
        <translation>Tạm &amp;dừng đồng bộ tự động</translation>
    </message>
    <message>
        <source>Synchronising with the province…</source>
        <translation>Đang đồng bộ với tỉnh…</translation>
    </message>
    <message>
        <source>{done} of {total} change(s) settled, {size} sent</source>
        <translation>Đã xong {done}/{total} thay đổi, đã gửi {size}</translation>
    </message>
    <message>
        <source>about {time} left</source>
        <translation>còn khoảng {time}</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} giây</translation>
    </message>
    <message>
        <source>{m} min {s} s</source>
        <translation>{m} phút {s} giây</translation>
    </message>
    <message>
        <source>Last pass: {outcome} {sent} change(s) sent ({size}), {pending} waiting.</source>
        <translation>Lượt vừa rồi: {outcome} Đã gửi {sent} thay đổi ({size}), còn chờ gửi {pending}.</translation>
    </message>
    <message>
        <source>Upload cap saved: {rate} kbit/s, from the next pass.</source>
        <translation>Đã lưu giới hạn tốc độ gửi: {rate} kbit/s, áp dụng từ lượt sau.</translation>
    </message>
    <message>
        <source>Upload cap removed, from the next pass.</source>
        <translation>Đã bỏ giới hạn tốc độ gửi, áp dụng từ lượt sau.</translation>
    </message>
    <message>
        <source>{n} change(s) queued again for the province.</source>
        <translation>Đã xếp lại {n} thay đổi để gửi lên tỉnh.</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Not connected to the province</source>
        <translation>Chưa kết nối với tỉnh</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Mất kết nối</translation>
    </message>
    <message>
        <source>sync paused</source>
        <translation>tạm dừng đồng bộ</translation>
    </message>
    <message>
        <source>never synchronised</source>
        <translation>chưa đồng bộ lần nào</translation>
    </message>
    <message>
        <source>last sync {when}</source>
        <translation>đồng bộ lúc {when}</translation>
    </message>
    <message>
        <source>{n} change(s) waiting to be sent</source>
        <translation>{n} thay đổi chờ gửi</translation>
    </message>
</context>
<context>
    <name>SyncUi</name>
    <message>
        <source>&amp;Connect to the provincial server…</source>
        <translation>&amp;Kết nối máy chủ tỉnh…</translation>
    </message>
    <message>
        <source>A sync is already running…</source>
        <translation>Đang có một lượt đồng bộ chạy…</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <source>Connected to {server} for {unit}.</source>
        <translation>Đã kết nối {server} cho {unit}.</translation>
    </message>
    <message>
        <source>Connection settings saved.</source>
        <translation>Đã lưu cài đặt kết nối.</translation>
    </message>
    <message>
        <source>Synchronising with the province…</source>
        <translation>Đang đồng bộ với tỉnh…</translation>
    </message>
    <message>
        <source>Sync: {pushed} sent, {duplicates} already at the province, {rejected} rejected, {pending} waiting.</source>
        <translation>Đồng bộ: đã gửi {pushed}, tỉnh đã có sẵn {duplicates}, bị từ chối {rejected}, còn chờ gửi {pending}.</translation>
    </message>
    <message>
        <source>Synchronisation</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <source>The provincial server no longer accepts this workstation ({message}). Sign in again with your provincial account; the changes waiting are kept.</source>
        <translation>Máy chủ tỉnh không còn chấp nhận máy trạm này ({message}). Hãy đăng nhập lại bằng tài khoản hệ thống tỉnh; các thay đổi chờ gửi được giữ nguyên.</translation>
    </message>
</context>
<context>
    <name>UndoDialog</name>
    <message>
        <source>Undo the latest step</source>
        <translation>Hoàn tác bước vừa ghi</translation>
    </message>
    <message>
        <source>The latest step of dossier {code} ({step}) is reversed by a correcting event and the dossier returns to its previous status. Nothing is deleted: the history shows both. Only the officer who recorded the step may undo it, on the same day.</source>
        <translation>Bước vừa ghi của hồ sơ {code} ({step}) được hoàn tác bằng một sự kiện đính chính, hồ sơ trở về trạng thái trước đó. Không có gì bị xóa: lịch sử hồ sơ ghi cả hai. Chỉ cán bộ đã ghi bước đó mới được hoàn tác, trong ngày đã ghi.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
</context>
<context>
    <name>UnitSettingsDialog</name>
    <message>
        <source>Unit information</source>
        <translation>Thông tin đơn vị</translation>
    </message>
    <message>
        <source>Morning and afternoon sessions, e.g. 07:30-11:30,13:30-17:00. Used for new appointments.</source>
        <translation>Buổi sáng và buổi chiều, ví dụ 07:30-11:30,13:30-17:00. Áp dụng cho các lịch hẹn mới.</translation>
    </message>
    <message>
        <source>Printed in the receipt&apos;s QR code; {code} is replaced by the dossier code. Empty: the code only.</source>
        <translation>In trong mã QR của giấy tiếp nhận; {code} được thay bằng mã hồ sơ. Để trống: mã QR chỉ chứa mã hồ sơ.</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>Đơn vị:</translation>
    </message>
    <message>
        <source>&amp;Province:</source>
        <translation>&amp;Tỉnh/thành phố:</translation>
    </message>
    <message>
        <source>&amp;Office hours:</source>
        <translation>&amp;Giờ làm việc:</translation>
    </message>
    <message>
        <source>&amp;Lookup address:</source>
        <translation>Địa chỉ t&amp;ra cứu:</translation>
    </message>
    <message>
        <source>Register &amp;book number:</source>
        <translation>&amp;Quyển số sổ theo dõi:</translation>
    </message>
    <message>
        <source>&amp;Unit information…</source>
        <translation>Thông tin đơ&amp;n vị…</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>Withdraw the dossier</source>
        <translation>Rút hồ sơ</translation>
    </message>
    <message>
        <source>Dossier {code} is withdrawn at the applicant&apos;s written request: processing ends now and the originals are given back.</source>
        <translation>Hồ sơ {code} được rút theo đơn đề nghị của người nộp: việc giải quyết kết thúc từ lúc này và bản chính được trả lại.</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Rút hồ sơ</translation>
    </message>
    <message>
        <source>The owner of the dossier</source>
        <translation>Chủ hồ sơ</translation>
    </message>
    <message>
        <source>An authorised person</source>
        <translation>Người được ủy quyền</translation>
    </message>
    <message>
        <source>Number and date of the authorisation</source>
        <translation>Số, ngày của giấy ủy quyền</translation>
    </message>
    <message>
        <source>The written request is kept on paper at the counter</source>
        <translation>Đơn đề nghị bằng giấy được lưu tại bộ phận một cửa</translation>
    </message>
    <message>
        <source>The originals were given back</source>
        <translation>Đã trả lại bản chính giấy tờ</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Người đề nghị</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số giấy tờ tùy thân</translation>
    </message>
    <message>
        <source>Authorisation</source>
        <translation>Giấy ủy quyền</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Please enter the reason.</source>
        <translation>Hãy nhập lý do.</translation>
    </message>
    <message>
        <source>Please enter the authorised person&apos;s name.</source>
        <translation>Hãy nhập họ tên người được ủy quyền.</translation>
    </message>
    <message>
        <source>Please enter the authorised person&apos;s ID number.</source>
        <translation>Hãy nhập số giấy tờ của người được ủy quyền.</translation>
    </message>
    <message>
        <source>Please enter the number and date of the authorisation.</source>
        <translation>Hãy nhập số, ngày của giấy ủy quyền.</translation>
    </message>
    <message>
        <source>Keep the written request: tick that it is kept on paper.</source>
        <translation>Cần lưu đơn đề nghị: hãy đánh dấu đơn giấy được lưu tại bộ phận một cửa.</translation>
    </message>
</context>
<context>
    <name>Worklists</name>
    <message>
        <source>To hand over</source>
        <translation>Chờ chuyển xử lý</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Đến hạn hôm nay</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Sắp đến hạn</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>Waiting for supplement</source>
        <translation>Chờ bổ sung</translation>
    </message>
    <message>
        <source>Financial obligation</source>
        <translation>Chờ nghĩa vụ tài chính</translation>
    </message>
    <message>
        <source>Result ready</source>
        <translation>Có kết quả – chờ trả</translation>
    </message>
    <message>
        <source>Returned today</source>
        <translation>Đã trả hôm nay</translation>
    </message>
    <message>
        <source>Online, waiting for intake</source>
        <translation>Chờ tiếp nhận trực tuyến</translation>
    </message>
    <message>
        <source>Needs review</source>
        <translation>Cần xem lại</translation>
    </message>
    <message>
        <source>Hand over by</source>
        <translation>Hạn chuyển</translation>
    </message>
    <message>
        <source>Working days waiting</source>
        <translation>Số ngày chờ</translation>
    </message>
    <message>
        <source>Returned at</source>
        <translation>Trả lúc</translation>
    </message>
    <message>
        <source>Both facts</source>
        <translation>Hai bên ghi nhận</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>(late)</source>
        <translation>(trễ)</translation>
    </message>
    <message>
        <source>late</source>
        <translation>quá hạn</translation>
    </message>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Chủ hồ sơ</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <source>{title}: the first {shown} of {total} dossiers, by due date</source>
        <translation>{title}: {shown} hồ sơ đầu trong {total}, theo hạn trả</translation>
    </message>
    <message>
        <source>{title}: {total} dossier(s), by due date</source>
        <translation>{title}: {total} hồ sơ, theo hạn trả</translation>
    </message>
    <message>
        <source>&amp;Worklists</source>
        <translation>Th&amp;eo dõi</translation>
    </message>
    <message>
        <source>Worklists</source>
        <translation>Việc cần làm</translation>
    </message>
    <message>
        <source>{title} ({n})</source>
        <translation>{title} ({n})</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Data storage problem</source>
        <translation>Lỗi lưu trữ dữ liệu</translation>
    </message>
    <message>
        <source>Synchronisation problem</source>
        <translation>Lỗi đồng bộ</translation>
    </message>
    <message>
        <source>Please check the input</source>
        <translation>Hãy kiểm tra thông tin nhập</translation>
    </message>
    <message>
        <source>Cannot continue</source>
        <translation>Không thể tiếp tục</translation>
    </message>
    <message>
        <source>(no log file)</source>
        <translation>(không có tệp nhật ký)</translation>
    </message>
    <message>
        <source>An unexpected error occurred. Your saved data is safe.
Please send the log file to technical support:
{log}</source>
        <translation>Đã xảy ra lỗi ngoài dự kiến. Dữ liệu đã lưu vẫn an toàn.
Hãy gửi tệp nhật ký cho bộ phận hỗ trợ kỹ thuật:
{log}</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Lỗi ngoài dự kiến</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>The computer&apos;s print service ({server}) does not answer. The PDF is saved; restart the print service or the computer, then print again.</source>
        <translation>Dịch vụ in của máy tính ({server}) không phản hồi. Tệp PDF đã được lưu; hãy khởi động lại dịch vụ in hoặc máy tính rồi in lại.</translation>
    </message>
    <message>
        <source>No printer is installed on this computer.</source>
        <translation>Máy tính này chưa cài máy in nào.</translation>
    </message>
    <message>
        <source>The printer &quot;{name}&quot; is not available (disconnected or removed).</source>
        <translation>Không tìm thấy máy in &quot;{name}&quot; (máy in đã rút dây hoặc bị gỡ bỏ).</translation>
    </message>
    <message>
        <source>The printer &quot;{name}&quot; is offline or stopped.</source>
        <translation>Máy in &quot;{name}&quot; đang ngoại tuyến hoặc bị tạm dừng.</translation>
    </message>
    <message>
        <source>Cannot open the PDF {path}.</source>
        <translation>Không mở được tệp PDF {path}.</translation>
    </message>
    <message>
        <source>The printer &quot;{name}&quot; did not accept the job.</source>
        <translation>Máy in &quot;{name}&quot; không nhận lệnh in.</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <source>Registered online</source>
        <translation>Mới đăng ký</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Được tiếp nhận</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>Không được tiếp nhận</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>Đang xử lý</translation>
    </message>
    <message>
        <source>Supplement requested</source>
        <translation>Yêu cầu bổ sung giấy tờ</translation>
    </message>
    <message>
        <source>Financial obligation requested</source>
        <translation>Yêu cầu thực hiện nghĩa vụ tài chính</translation>
    </message>
    <message>
        <source>Withdrawn by the citizen</source>
        <translation>Công dân yêu cầu rút hồ sơ</translation>
    </message>
    <message>
        <source>Processing stopped</source>
        <translation>Dừng xử lý</translation>
    </message>
    <message>
        <source>Processed</source>
        <translation>Đã xử lý xong</translation>
    </message>
    <message>
        <source>Result returned</source>
        <translation>Đã trả kết quả</translation>
    </message>
</context>
<context>
    <name>timeline</name>
    <message>
        <source>Received at the counter</source>
        <translation>Tiếp nhận tại Bộ phận Một cửa</translation>
    </message>
    <message>
        <source>Supplement requested</source>
        <translation>Yêu cầu bổ sung</translation>
    </message>
    <message>
        <source>Supplement received</source>
        <translation>Nhận bổ sung</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Từ chối tiếp nhận</translation>
    </message>
    <message>
        <source>Handed over for processing</source>
        <translation>Chuyển xử lý</translation>
    </message>
    <message>
        <source>Appointment extended</source>
        <translation>Gia hạn hẹn trả</translation>
    </message>
    <message>
        <source>Late apology</source>
        <translation>Xin lỗi vì trễ hạn</translation>
    </message>
    <message>
        <source>Financial obligation requested</source>
        <translation>Yêu cầu thực hiện nghĩa vụ tài chính</translation>
    </message>
    <message>
        <source>Financial obligation met</source>
        <translation>Hoàn thành nghĩa vụ tài chính</translation>
    </message>
    <message>
        <source>Processing stopped</source>
        <translation>Dừng giải quyết</translation>
    </message>
    <message>
        <source>Result ready</source>
        <translation>Đã có kết quả</translation>
    </message>
    <message>
        <source>Result returned</source>
        <translation>Trả kết quả</translation>
    </message>
    <message>
        <source>Result handed to the post</source>
        <translation>Gửi kết quả qua bưu chính</translation>
    </message>
    <message>
        <source>Result delivered by the post</source>
        <translation>Bưu chính đã phát kết quả</translation>
    </message>
    <message>
        <source>Withdrawn by the citizen</source>
        <translation>Công dân rút hồ sơ</translation>
    </message>
    <message>
        <source>Rated by the applicant</source>
        <translation>Người dân đánh giá</translation>
    </message>
    <message>
        <source>Step undone (recorded by mistake)</source>
        <translation>Hoàn tác bước ghi nhầm</translation>
    </message>
    <message>
        <source>Scan added</source>
        <translation>Thêm bản số hoá</translation>
    </message>
    <message>
        <source>Scan removed</source>
        <translation>Xoá bản số hoá</translation>
    </message>
    <message>
        <source>Fees assessed</source>
        <translation>Xác định phí, lệ phí</translation>
    </message>
    <message>
        <source>Fees collected</source>
        <translation>Thu phí, lệ phí</translation>
    </message>
    <message>
        <source>Fees exempted</source>
        <translation>Miễn phí, lệ phí</translation>
    </message>
    <message>
        <source>Step made by the province</source>
        <translation>Bước xử lý do tỉnh ghi nhận</translation>
    </message>
    <message>
        <source>Review settled</source>
        <translation>Đã xem lại và quyết định</translation>
    </message>
    <message>
        <source>Very satisfied</source>
        <translation>Rất hài lòng</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>Hài lòng</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>Không hài lòng</translation>
    </message>
    <message>
        <source>appointment {date}</source>
        <translation>hẹn trả {date}</translation>
    </message>
    <message>
        <source>entered by the officer (time limit not confirmed)</source>
        <translation>do cán bộ nhập (thời hạn chưa xác nhận)</translation>
    </message>
    <message>
        <source>to {unit}</source>
        <translation>cho {unit}</translation>
    </message>
    <message>
        <source>{amount} VND, document {number}</source>
        <translation>{amount} đồng, chứng từ số {number}</translation>
    </message>
    <message>
        <source>new appointment {date}</source>
        <translation>hẹn trả mới {date}</translation>
    </message>
    <message>
        <source>requested by {name}, authorised ({ref})</source>
        <translation>người đề nghị: {name}, được ủy quyền ({ref})</translation>
    </message>
    <message>
        <source>signed by {name}</source>
        <translation>người ký: {name}</translation>
    </message>
    <message>
        <source>undid: {step}</source>
        <translation>hoàn tác: {step}</translation>
    </message>
    <message>
        <source>now: {status}</source>
        <translation>nay: {status}</translation>
    </message>
    <message>
        <source>kept the counter&apos;s status</source>
        <translation>giữ trạng thái tại bộ phận một cửa</translation>
    </message>
    <message>
        <source>took the province&apos;s status: {status}</source>
        <translation>theo trạng thái của tỉnh: {status}</translation>
    </message>
    <message>
        <source>refused: {reason}</source>
        <translation>từ chối: {reason}</translation>
    </message>
    <message>
        <source>document {number}</source>
        <translation>văn bản {number}</translation>
    </message>
    <message>
        <source>waybill {code}</source>
        <translation>vận đơn {code}</translation>
    </message>
    <message>
        <source>delivered on {day}</source>
        <translation>phát ngày {day}</translation>
    </message>
    <message>
        <source>received by {name}</source>
        <translation>người nhận {name}</translation>
    </message>
    <message>
        <source>was: {status}</source>
        <translation>trước đó: {status}</translation>
    </message>
</context>
</TS>
