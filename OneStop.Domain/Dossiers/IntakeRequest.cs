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
/// field's name with a message that names the field and the rule: Vietnamese, or English on an English screen (<see cref="UiText"/>).
/// </summary>
public static partial class IntakeValidator
{
    public const int MaxName = 150, MaxAddress = 300, MaxPapers = 2000;

    /// <summary>The fields' labels in the screen's language (<see cref="UiText"/>): Vietnamese for the API.</summary>
    public static IReadOnlyDictionary<string, string> Labels => UiText.English ? EnglishLabels : VietnameseLabels;

    private static readonly IReadOnlyDictionary<string, string> VietnameseLabels = new Dictionary<string, string>
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

    private static readonly IReadOnlyDictionary<string, string> EnglishLabels = new Dictionary<string, string>
    {
        [nameof(IntakeRequest.ProcedureId)] = "Procedure",
        [nameof(IntakeRequest.Channel)] = "Submitted",
        [nameof(IntakeRequest.ResultDelivery)] = "Result delivery",
        [nameof(IntakeRequest.ApplicantName)] = "Applicant's full name",
        [nameof(IntakeRequest.ApplicantPhone)] = "Phone number",
        [nameof(IntakeRequest.ApplicantIdNumber)] = "Citizen ID number",
        [nameof(IntakeRequest.ApplicantAddress)] = "Address",
        [nameof(IntakeRequest.ResultPostalAddress)] = "Postal address for the result",
        [nameof(IntakeRequest.PapersReceived)] = "Papers received",
    };

    public static Dictionary<string, string> Validate(IntakeRequest r, Procedure? procedure)
    {
        var errors = new Dictionary<string, string>();
        void Fail(string field, string rule) => errors.TryAdd(field, $"{Labels[field]}: {rule}");

        if (procedure is null) Fail(nameof(r.ProcedureId), UiText.Say("hãy chọn một thủ tục có trong danh mục.", "choose a procedure from the catalogue."));

        var name = r.ApplicantName?.Trim() ?? "";
        if (name.Length == 0) Fail(nameof(r.ApplicantName), Required);
        else if (name.Length > MaxName) Fail(nameof(r.ApplicantName), AtMost(MaxName));
        else if (!NamePattern().IsMatch(name)) Fail(nameof(r.ApplicantName), UiText.Say("chỉ gồm chữ cái, khoảng trắng và dấu chấm, gạch nối, nháy đơn.", "letters, spaces, full stops, hyphens and apostrophes only."));

        if (string.IsNullOrWhiteSpace(r.ApplicantPhone)) Fail(nameof(r.ApplicantPhone), Required);
        else if (NormalizePhone(r.ApplicantPhone) is null)
            Fail(nameof(r.ApplicantPhone), UiText.Say("phải là số di động 10 chữ số (đầu 03, 05, 07, 08, 09) hoặc số cố định 11 chữ số đầu 02; có thể viết +84 thay cho số 0.",
                "must be a 10-digit mobile number (starting 03, 05, 07, 08 or 09) or an 11-digit landline starting 02; +84 may replace the leading 0."));

        var id = r.ApplicantIdNumber?.Trim() ?? "";
        if (id.Length == 0) Fail(nameof(r.ApplicantIdNumber), Required);
        else if (!IdPattern().IsMatch(id)) Fail(nameof(r.ApplicantIdNumber), UiText.Say("phải gồm đúng 12 chữ số.", "must be exactly 12 digits."));

        var address = r.ApplicantAddress?.Trim() ?? "";
        if (address.Length == 0) Fail(nameof(r.ApplicantAddress), Required);
        else if (address.Length > MaxAddress) Fail(nameof(r.ApplicantAddress), AtMost(MaxAddress));

        if (!Enum.IsDefined(r.Channel)) Fail(nameof(r.Channel), UiText.Say("phải là trực tiếp, trực tuyến hoặc qua bưu chính.", "must be at the counter, online or by post."));
        else if (procedure is not null && !procedure.Allows(r.Channel))
            Fail(nameof(r.Channel), UiText.Say($"thủ tục này không nhận hồ sơ {ChannelText(r.Channel)}.", $"this procedure does not accept dossiers {EnglishChannel(r.Channel)}."));

        if (!Enum.IsDefined(r.ResultDelivery)) Fail(nameof(r.ResultDelivery), UiText.Say("phải là tại quầy hoặc qua bưu chính.", "must be at the counter or by post."));
        else if (r.ResultDelivery == ResultDelivery.Post)
        {
            if (procedure is { ResultByPost: false }) Fail(nameof(r.ResultDelivery), UiText.Say("thủ tục này không trả kết quả qua bưu chính.", "this procedure does not send results by post."));
            var postal = r.ResultPostalAddress?.Trim() ?? "";
            if (postal.Length == 0) Fail(nameof(r.ResultPostalAddress), UiText.Say("bắt buộc khi nhận kết quả qua bưu chính.", "required when the result goes by post."));
            else if (postal.Length > MaxAddress) Fail(nameof(r.ResultPostalAddress), AtMost(MaxAddress));
        }

        if ((r.PapersReceived?.Length ?? 0) > MaxPapers) Fail(nameof(r.PapersReceived), AtMost(MaxPapers));

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

    private static string Required => UiText.Say("bắt buộc.", "required.");

    private static string AtMost(int n) => UiText.Say($"tối đa {n} ký tự.", $"at most {n} characters.");

    private static string EnglishChannel(Channel c) => c switch
    {
        Channel.Counter => "at the counter",
        Channel.Online => "online",
        _ => "by post",
    };

    /// <summary>The channel as the stored event notes say it ("Tiếp nhận trực tiếp"): Vietnamese always.</summary>
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
