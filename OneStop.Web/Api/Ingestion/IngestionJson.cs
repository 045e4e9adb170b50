using System.Text.Json;
using System.Text.Unicode;
using OneStop.Domain.Dossiers;
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
    /// <summary>Our bodies are two levels deep; eight leaves room and stops a parser bomb.</summary>
    public const int MaxDepth = 8;

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
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = MaxDepth });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (null, Invalid("$", "Nội dung: phải là một đối tượng JSON { … }."));
            return (doc.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            if (Depth(bytes) is > MaxDepth and var depth)
                return (null, Invalid("$", $"Nội dung: lồng quá sâu ({depth} tầng; tối đa {MaxDepth})."));
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
            // A name or value with a lone UTF-16 surrogate ("\ud800") is valid JSON text but no string .NET can hold.
            if (!TryName(p, out var name)) { errors.Add(prefix + "$", $"{(prefix.Length > 0 ? prefix.TrimEnd('.') : "Nội dung")}: tên trường {LoneSurrogate}"); continue; }
            var field = prefix + name;
            if (objects?.Contains(p.Name) == true) continue;
            if (!allowed.Contains(p.Name)) { errors.Add(field, $"{field}: trường không có trong mẫu; các trường: {string.Join(", ", allowed.Concat(objects ?? []))}."); continue; }
            if (values.ContainsKey(p.Name)) { errors.Add(field, $"{field}: xuất hiện hai lần."); continue; }
            switch (p.Value.ValueKind)
            {
                case JsonValueKind.Null: values[p.Name] = null; break;
                case JsonValueKind.String:
                    if (!TryString(p.Value, out var s)) { errors.Add(field, $"{field}: {LoneSurrogate}"); values[p.Name] = null; break; }
                    if (TextRules.ControlCharacter(s) is { } control) { errors.Add(field, $"{field}: {TextRules.ControlRule(control)}"); values[p.Name] = null; }
                    else if (s.Length > MaxString) { errors.Add(field, $"{field}: quá dài ({s.Length} ký tự; tối đa {MaxString})."); values[p.Name] = null; }
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

    private const string LoneSurrogate = "chứa mã \\uD800–\\uDFFF đứng một mình (nửa cặp surrogate), không phải ký tự Unicode hợp lệ.";

    private static bool TryName(JsonProperty p, out string name)
    {
        try { name = p.Name; return true; }
        catch (InvalidOperationException) { name = ""; return false; }
    }

    private static bool TryString(JsonElement e, out string value)
    {
        try { value = e.GetString()!; return true; }
        catch (InvalidOperationException) { value = ""; return false; }
    }

    /// <summary>How deep the body nests, read with a generous limit; null when it is not JSON at all.</summary>
    private static int? Depth(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 4096 });
        var deepest = 0;
        try
        {
            while (reader.Read()) deepest = Math.Max(deepest, reader.CurrentDepth + (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? 1 : 0));
            return deepest;
        }
        catch (JsonException) { return null; }
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
