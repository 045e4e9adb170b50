using System.Text.Json;
using System.Text.Unicode;
using OneStop.Domain.Ingestion;

namespace OneStop.Web.Api.Ingestion;

/// <summary>
/// Reads an ingestion request body by hand rather than through model binding, so that every wrong thing (not UTF-8,
/// not JSON, a number where a string belongs, an unknown or repeated field, a body too large) is answered as a
/// problem naming the field, before anything is looked up or written.
/// </summary>
public static class IngestionJson
{
    public const int MaxBody = 64 * 1024;
    public const int MaxString = 4000;

    public sealed class BodyErrors : Dictionary<string, string[]>
    {
        public void Add(string field, string message) => this[field] = TryGetValue(field, out var m) ? [.. m, message] : [message];
    }

    /// <summary>The body as a JSON object, or a problem result (413, 415 or 400 with errors).</summary>
    public static async Task<(JsonElement? Root, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, Results.Problem(statusCode: 415, title: "Sai kiểu nội dung", detail: "Gửi nội dung JSON với Content-Type: application/json; charset=utf-8."));
        if (request.ContentLength > MaxBody) return (null, TooLarge());
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBody) return (null, TooLarge());
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        if (!Utf8.IsValid(bytes)) return (null, Invalid("$", "Nội dung: không phải UTF-8 hợp lệ."));
        try
        {
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 8 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (null, Invalid("$", "Nội dung: phải là một đối tượng JSON { … }."));
            return (doc.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (null, Invalid("$", $"Nội dung: không phải JSON hợp lệ (dòng {e.LineNumber + 1}, vị trí {e.BytePositionInLine + 1})."));
        }
    }

    /// <summary>
    /// The object's properties as strings, for the allowed names only: an unknown name, a repeated one, a value that
    /// is not a string (or null), or a string longer than <see cref="MaxString"/> is an error under that name.
    /// </summary>
    public static Dictionary<string, string?> Strings(JsonElement obj, string prefix, IReadOnlyCollection<string> allowed, BodyErrors errors,
        IReadOnlyCollection<string>? objects = null)
    {
        var values = new Dictionary<string, string?>();
        foreach (var p in obj.EnumerateObject())
        {
            var field = prefix + p.Name;
            if (objects?.Contains(p.Name) == true) continue;
            if (!allowed.Contains(p.Name)) { errors.Add(field, $"{field}: trường không có trong mẫu; các trường: {string.Join(", ", allowed.Concat(objects ?? []))}."); continue; }
            if (values.ContainsKey(p.Name)) { errors.Add(field, $"{field}: xuất hiện hai lần."); continue; }
            switch (p.Value.ValueKind)
            {
                case JsonValueKind.Null: values[p.Name] = null; break;
                case JsonValueKind.String:
                    var s = p.Value.GetString()!;
                    if (s.Length > MaxString) { errors.Add(field, $"{field}: quá dài ({s.Length} ký tự; tối đa {MaxString})."); values[p.Name] = null; }
                    else values[p.Name] = s;
                    break;
                default:
                    errors.Add(field, $"{field}: phải là chuỗi ký tự, không phải {Kind(p.Value.ValueKind)}.");
                    values[p.Name] = null;
                    break;
            }
        }
        return values;
    }

    /// <summary>A nested object property: absent or null → null; anything else but an object → an error.</summary>
    public static JsonElement? Object(JsonElement obj, string name, BodyErrors errors)
    {
        JsonElement? found = null;
        var count = 0;
        foreach (var p in obj.EnumerateObject())
        {
            if (p.Name != name) continue;
            if (++count > 1) { errors.Add(name, $"{name}: xuất hiện hai lần."); return null; }
            if (p.Value.ValueKind == JsonValueKind.Null) continue;
            if (p.Value.ValueKind != JsonValueKind.Object) { errors.Add(name, $"{name}: phải là đối tượng JSON, không phải {Kind(p.Value.ValueKind)}."); return null; }
            found = p.Value;
        }
        return found;
    }

    public static DossierUpsert? Upsert(JsonElement root, BodyErrors errors)
    {
        var top = Strings(root, "", ["procedureCode", "channel", "receivedAt", "resultDelivery", "resultPostalAddress"], errors, ["applicant"]);
        var applicantJson = Object(root, "applicant", errors);
        ApplicantData? applicant = null;
        if (applicantJson is { } a)
        {
            var f = Strings(a, "applicant.", ["name", "phone", "idNumber", "address"], errors);
            applicant = new ApplicantData(f.GetValueOrDefault("name"), f.GetValueOrDefault("phone"), f.GetValueOrDefault("idNumber"), f.GetValueOrDefault("address"));
        }
        if (errors.Count > 0) return null;
        return new DossierUpsert(top.GetValueOrDefault("procedureCode"), top.GetValueOrDefault("channel"), top.GetValueOrDefault("receivedAt"),
            applicant, top.GetValueOrDefault("resultDelivery"), top.GetValueOrDefault("resultPostalAddress"));
    }

    public static DossierEventMessage? Event(JsonElement root, BodyErrors errors)
    {
        var f = Strings(root, "", ["type", "at", "actor", "toHandler", "note", "newAppointment", "trackingNumber"], errors);
        if (errors.Count > 0) return null;
        return new DossierEventMessage(f.GetValueOrDefault("type"), f.GetValueOrDefault("at"), f.GetValueOrDefault("actor"),
            f.GetValueOrDefault("toHandler"), f.GetValueOrDefault("note"), f.GetValueOrDefault("newAppointment"), f.GetValueOrDefault("trackingNumber"));
    }

    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Dữ liệu không hợp lệ");

    private static IResult TooLarge() =>
        Results.Problem(statusCode: 413, title: "Nội dung quá lớn", detail: $"Nội dung tối đa {MaxBody / 1024} KB.");

    private static string Kind(JsonValueKind k) => k switch
    {
        JsonValueKind.Number => "số",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Array => "mảng",
        JsonValueKind.Object => "đối tượng",
        _ => k.ToString(),
    };
}
