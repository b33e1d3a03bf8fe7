<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
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
        <translation>&amp;Họ và tên</translation>
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
        <source>&amp;Phone</source>
        <translation>Điện &amp;thoại</translation>
    </message>
    <message>
        <source>E-&amp;mail</source>
        <translation>E-&amp;mail</translation>
    </message>
    <message>
        <source>Name of the &amp;organisation</source>
        <translation>Tên &amp;tổ chức</translation>
    </message>
    <message>
        <source>&amp;Tax code</source>
        <translation>Mã số &amp;thuế</translation>
    </message>
    <message>
        <source>10 or 13 digits</source>
        <translation>10 hoặc 13 chữ số</translation>
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
    <name>ConnectDialog</name>
    <message>
        <source>Connect to the provincial server</source>
        <translation>Kết nối máy chủ tỉnh</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>&amp;Địa chỉ máy chủ:</translation>
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
        <source>Cancel</source>
        <translation>Hủy</translation>
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
        <translation>Hình thức &amp;nộp</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>Ghi &amp;chú</translation>
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
        <source>{n} page(s)</source>
        <translation>{n} trang</translation>
    </message>
</context>
<context>
    <name>DossierListPage</name>
    <message>
        <source>Search by name, ID number, phone, dossier code or procedure</source>
        <translation>Tìm theo họ tên, số định danh, điện thoại, mã hồ sơ hoặc thủ tục</translation>
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
        <source>Appointment if received now: &lt;b&gt;{time}, {day} {date}&lt;/b&gt; ({rule})</source>
        <translation>Hẹn trả nếu tiếp nhận bây giờ: &lt;b&gt;{time}, {day} {date}&lt;/b&gt; ({rule})</translation>
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
        <source>Saved dossier &lt;b&gt;{code}&lt;/b&gt; — appointment {time} {date}</source>
        <translation>Đã lưu hồ sơ &lt;b&gt;{code}&lt;/b&gt; — hẹn trả {time} {date}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Một Cửa — sign in</source>
        <translation>Một Cửa — đăng nhập</translation>
    </message>
    <message>
        <source>&lt;b&gt;Một Cửa&lt;/b&gt;</source>
        <translation>&lt;b&gt;Một Cửa&lt;/b&gt;</translation>
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
        <translation>&amp;Thoát</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Một Cửa — {unit}</source>
        <translation>Một Cửa — {unit}</translation>
    </message>
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
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
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
    <name>PageViewer</name>
    <message>
        <source>Scanned page</source>
        <translation>Trang đã quét</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Print preview: {title}</source>
        <translation>Xem trước khi in: {title}</translation>
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
        <source>Close</source>
        <translation>Đóng</translation>
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
        <source>Printer:</source>
        <translation>Máy in:</translation>
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
        <source>Type the procedure name or code, then Enter</source>
        <translation>Gõ tên hoặc mã thủ tục, rồi nhấn Enter</translation>
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
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n trang</numerusform>
        </translation>
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
    <name>SetupDialog</name>
    <message>
        <source>Một Cửa — first-run setup</source>
        <translation>Một Cửa — thiết lập lần đầu</translation>
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
        <translation>Tỉnh/&amp;thành phố:</translation>
    </message>
    <message>
        <source>&amp;Workstation number:</source>
        <translation>Số &amp;máy trạm:</translation>
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
        <translation>&amp;Nhập lại mật khẩu:</translation>
    </message>
    <message>
        <source>Open &amp;demo profile</source>
        <translation>Mở dữ liệu &amp;mẫu</translation>
    </message>
    <message>
        <source>&amp;Create and continue</source>
        <translation>&amp;Tạo và tiếp tục</translation>
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
        <source>Connected to {server} for {unit}.</source>
        <translation>Đã kết nối {server} cho {unit}.</translation>
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
    <name>errors</name>
    <message>
        <source>The disk is full{where}: the data was not saved. Free some space and try again.</source>
        <translation>Ổ đĩa đã đầy{where}: dữ liệu chưa được lưu. Hãy giải phóng dung lượng rồi thử lại.</translation>
    </message>
    <message>
        <source>No permission to write{where}.</source>
        <translation>Không có quyền ghi{where}.</translation>
    </message>
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
</TS>
