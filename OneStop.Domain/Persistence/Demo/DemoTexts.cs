namespace OneStop.Domain.Persistence.Demo;

/// <summary>The wording of demo notes (intake, supplement requests, refusals, apology letters), shared by the history and scale generators and the live simulator.</summary>
public static class DemoTexts
{
    public static readonly string[] SupplementReasons =
    [
        "Thiếu bản sao chứng thực giấy tờ tùy thân của người đề nghị",
        "Đơn đề nghị chưa đúng mẫu quy định, đề nghị kê khai lại",
        "Bổ sung văn bản xác nhận của UBND cấp xã",
        "Bản vẽ, tài liệu kỹ thuật chưa đầy đủ chữ ký, đóng dấu",
        "Thông tin kê khai chưa khớp với giấy tờ gốc, đề nghị điều chỉnh",
        "Bổ sung chứng từ nộp phí, lệ phí",
        "Thiếu giấy chứng nhận sức khỏe còn thời hạn",
        "Bổ sung tài liệu chứng minh điều kiện theo quy định",
    ];

    public const string ResumeNote = "Tổ chức, cá nhân đã bổ sung, hoàn thiện hồ sơ";
    public const string WithdrawNote = "Tổ chức, cá nhân có đơn xin rút hồ sơ";
    public const string RefusalInPauseReason = "Quá thời hạn bổ sung hồ sơ nhưng tổ chức, cá nhân không bổ sung";

    /// <summary>The intake note by channel; a dossier sent by post names its item number when there is one.</summary>
    public static string ReceivedNote(Catalog.Channel channel, string? postalTracking = null) => channel switch
    {
        Catalog.Channel.Online => "Tiếp nhận hồ sơ trực tuyến qua Cổng dịch vụ công",
        Catalog.Channel.Counter => "Tiếp nhận hồ sơ trực tiếp tại Trung tâm Phục vụ hành chính công",
        _ => postalTracking is null ? "Tiếp nhận hồ sơ qua dịch vụ bưu chính công ích"
            : "Tiếp nhận hồ sơ qua dịch vụ bưu chính công ích, số hiệu " + postalTracking,
    };

    /// <summary>The apology letter's timeline note, with the new appointment in Vietnam time.</summary>
    public static string ApologyNote(DateTime newAppointmentUtc) => "Phiếu xin lỗi và hẹn lại ngày trả kết quả: " +
        Calendar.WorkingCalendar.ToLocal(newAppointmentUtc).ToString("HH:mm 'ngày' dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static readonly string[] RefusalAtReceptionReasons =
    [
        "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan",
        "Thành phần hồ sơ không đúng quy định, đã hướng dẫn tổ chức, cá nhân nộp lại",
        "Tổ chức, cá nhân không đủ điều kiện thực hiện thủ tục theo quy định",
    ];

    public static readonly string[] RefusalLaterReasons =
    [
        "Kết quả thẩm định không đủ điều kiện theo quy định",
        "Cơ sở không đáp ứng điều kiện qua kiểm tra thực tế",
        "Nội dung đề nghị trái với quy định của pháp luật",
    ];

    public static readonly string[] ApologyReasons =
    [
        "Hồ sơ cần xác minh thêm tại cơ quan phối hợp, chưa thể trả kết quả đúng hẹn",
        "Cơ quan phối hợp chưa có ý kiến đúng thời hạn",
        "Khối lượng hồ sơ tăng đột biến, cán bộ thụ lý chưa hoàn thành thẩm định",
        "Cần kiểm tra thực tế tại cơ sở trước khi cấp kết quả",
    ];
}
