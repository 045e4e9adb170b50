using System.Text.RegularExpressions;
using OneStop.Domain.Catalog;

namespace OneStop.Domain.Dossiers;

/// <summary>What the counter (or the ingestion API) gives to receive a dossier.</summary>
public sealed record IntakeRequest
{
    public int ProcedureId { get; init; }
    public Channel Channel { get; init; } = Channel.Counter;
    public ResultDelivery ResultDelivery { get; init; } = ResultDelivery.Counter;
    public string ApplicantName { get; init; } = "";
    public string? ApplicantPhone { get; init; }
    public string? ApplicantIdNumber { get; init; }
    public string? ApplicantAddress { get; init; }
    public string? ResultPostalAddress { get; init; }
    public string? PapersReceived { get; init; }
}

/// <summary>
/// The intake rules, shared by the counter form and the API: each broken rule is reported under the
/// field's name with a Vietnamese message that names the field and the rule.
/// </summary>
public static partial class IntakeValidator
{
    public const int MaxName = 150, MaxAddress = 300, MaxPapers = 2000;

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [nameof(IntakeRequest.ProcedureId)] = "Thủ tục",
        [nameof(IntakeRequest.Channel)] = "Hình thức nộp",
        [nameof(IntakeRequest.ResultDelivery)] = "Hình thức nhận kết quả",
        [nameof(IntakeRequest.ApplicantName)] = "Họ tên người nộp",
        [nameof(IntakeRequest.ApplicantPhone)] = "Số điện thoại",
        [nameof(IntakeRequest.ApplicantIdNumber)] = "Số CCCD",
        [nameof(IntakeRequest.ApplicantAddress)] = "Địa chỉ",
        [nameof(IntakeRequest.ResultPostalAddress)] = "Địa chỉ nhận kết quả qua bưu chính",
        [nameof(IntakeRequest.PapersReceived)] = "Giấy tờ đã nhận",
    };

    public static Dictionary<string, string> Validate(IntakeRequest r, Procedure? procedure)
    {
        var errors = new Dictionary<string, string>();
        void Fail(string field, string rule) => errors.TryAdd(field, $"{Labels[field]}: {rule}");

        if (procedure is null) Fail(nameof(r.ProcedureId), "hãy chọn một thủ tục có trong danh mục.");

        var name = r.ApplicantName?.Trim() ?? "";
        if (name.Length == 0) Fail(nameof(r.ApplicantName), "bắt buộc.");
        else if (name.Length > MaxName) Fail(nameof(r.ApplicantName), $"tối đa {MaxName} ký tự.");
        else if (!NamePattern().IsMatch(name)) Fail(nameof(r.ApplicantName), "chỉ gồm chữ cái, khoảng trắng và dấu chấm, gạch nối, nháy đơn.");

        if (string.IsNullOrWhiteSpace(r.ApplicantPhone)) Fail(nameof(r.ApplicantPhone), "bắt buộc.");
        else if (NormalizePhone(r.ApplicantPhone) is null)
            Fail(nameof(r.ApplicantPhone), "phải là số di động 10 chữ số (đầu 03, 05, 07, 08, 09) hoặc số cố định 11 chữ số đầu 02; có thể viết +84 thay cho số 0.");

        var id = r.ApplicantIdNumber?.Trim() ?? "";
        if (id.Length == 0) Fail(nameof(r.ApplicantIdNumber), "bắt buộc.");
        else if (!IdPattern().IsMatch(id)) Fail(nameof(r.ApplicantIdNumber), "phải gồm đúng 12 chữ số.");

        var address = r.ApplicantAddress?.Trim() ?? "";
        if (address.Length == 0) Fail(nameof(r.ApplicantAddress), "bắt buộc.");
        else if (address.Length > MaxAddress) Fail(nameof(r.ApplicantAddress), $"tối đa {MaxAddress} ký tự.");

        if (!Enum.IsDefined(r.Channel)) Fail(nameof(r.Channel), "phải là trực tiếp, trực tuyến hoặc qua bưu chính.");
        else if (procedure is not null && !procedure.Allows(r.Channel))
            Fail(nameof(r.Channel), $"thủ tục này không nhận hồ sơ {ChannelText(r.Channel)}.");

        if (!Enum.IsDefined(r.ResultDelivery)) Fail(nameof(r.ResultDelivery), "phải là tại quầy hoặc qua bưu chính.");
        else if (r.ResultDelivery == ResultDelivery.Post)
        {
            if (procedure is { ResultByPost: false }) Fail(nameof(r.ResultDelivery), "thủ tục này không trả kết quả qua bưu chính.");
            var postal = r.ResultPostalAddress?.Trim() ?? "";
            if (postal.Length == 0) Fail(nameof(r.ResultPostalAddress), "bắt buộc khi nhận kết quả qua bưu chính.");
            else if (postal.Length > MaxAddress) Fail(nameof(r.ResultPostalAddress), $"tối đa {MaxAddress} ký tự.");
        }

        if ((r.PapersReceived?.Length ?? 0) > MaxPapers) Fail(nameof(r.PapersReceived), $"tối đa {MaxPapers} ký tự.");

        // Control characters (a NUL pasted from another system) in any text field; the first rule broken per field wins.
        foreach (var (field, text) in new[]
                 {
                     (nameof(r.ApplicantName), r.ApplicantName), (nameof(r.ApplicantPhone), r.ApplicantPhone),
                     (nameof(r.ApplicantIdNumber), r.ApplicantIdNumber), (nameof(r.ApplicantAddress), r.ApplicantAddress),
                     (nameof(r.ResultPostalAddress), r.ResultPostalAddress), (nameof(r.PapersReceived), r.PapersReceived),
                 })
            if (TextRules.ControlCharacter(text) is { } c) { errors.Remove(field); Fail(field, TextRules.ControlRule(c)); }
        return errors;
    }

    /// <summary>"0912 345 678", "+84 912.345.678" → "0912345678"; null when not a Vietnamese number.</summary>
    public static string? NormalizePhone(string? phone)
    {
        if (phone is null) return null;
        var digits = SeparatorPattern().Replace(phone.Trim(), "");
        if (digits.StartsWith("+84")) digits = "0" + digits[3..];
        else if (digits.StartsWith("84") && digits.Length is 11 or 12) digits = "0" + digits[2..];
        return MobilePattern().IsMatch(digits) || LandlinePattern().IsMatch(digits) ? digits : null;
    }

    public static string ChannelText(Channel c) => c switch
    {
        Channel.Counter => "trực tiếp",
        Channel.Online => "trực tuyến",
        _ => "qua bưu chính",
    };

    [GeneratedRegex(@"^[\p{L}\p{M} .'-]+$")] private static partial Regex NamePattern();
    [GeneratedRegex(@"^\d{12}$")] private static partial Regex IdPattern();
    [GeneratedRegex(@"[\s.\-()]")] private static partial Regex SeparatorPattern();
    [GeneratedRegex(@"^0[35789]\d{8}$")] private static partial Regex MobilePattern();
    [GeneratedRegex(@"^02\d{9}$")] private static partial Regex LandlinePattern();
}
