using OneStop.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OneStop.Domain.Ingestion;

namespace OneStop.Tests.Ingestion;

/// <summary>
/// A few hundred malformed requests (random fields, wrong types, huge strings, invalid UTF-8, broken JSON and CSV, wrong
/// content types, bad codes): each gets a 4xx, and the database file is the same, byte for byte, afterwards.
/// </summary>
[Trait(TestDatabase.ProvidersTrait, TestDatabase.SqliteOnly)] // compares the SQLite file's bytes before and after
public sealed class MalformedInputTests(IngestionTestBed bed) : IClassFixture<IngestionTestBed>
{
    private const string Code = "H50.1-target";

    private static readonly string[] PutFields = ["procedureCode", "channel", "receivedAt", "resultDelivery", "applicant"];
    private static readonly string[] EventFields = ["type", "at", "actor", "toHandler", "note", "newAppointment", "trackingNumber"];

    private const string GoodPut = """
        {"procedureCode":"SNV-01","channel":"online","receivedAt":"2026-11-17T10:00:00+07:00",
         "applicant":{"name":"Trần Thị Bích Ngọc","phone":"0905123456","idNumber":"045190004321","address":"Đông Hà"},"resultDelivery":"counter"}
        """;

    [Fact]
    public async Task Every_malformed_request_is_4xx_and_the_database_file_does_not_change()
    {
        var key = await bed.NewKeyAsync(ApiScopes.Read | ApiScopes.Write);
        using var http = bed.Client(key);
        Assert.Equal(HttpStatusCode.Created, (await http.PutAsync($"/api/v1/dossiers/{Code}", IngestionTestBed.Json(GoodPut))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/v1/dossiers/{Code}")).StatusCode); // "last used" is now recorded
        var before = bed.DatabaseHash();

        var requests = Requests(new Random(20261118)).ToList();
        Assert.True(requests.Count > 300, $"only {requests.Count} requests");
        var statuses = new Dictionary<HttpStatusCode, int>();
        foreach (var (what, request) in requests)
        {
            using var response = await http.SendAsync(request);
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500 and not 401 and not 403 and not 429, $"{what}: {status} {await response.Content.ReadAsStringAsync()}");
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
        }
        // The batch reached the rules, not just the door: bad requests, conflicts, too large and wrong media types all occurred.
        Assert.Contains(HttpStatusCode.BadRequest, statuses.Keys);
        Assert.Contains(HttpStatusCode.RequestEntityTooLarge, statuses.Keys);
        Assert.Contains(HttpStatusCode.UnsupportedMediaType, statuses.Keys);
        Assert.Equal(before, bed.DatabaseHash());

        // And the measure can tell: one good request later, the file differs.
        Assert.Equal(HttpStatusCode.Created, (await http.PutAsync("/api/v1/dossiers/H50.1-good", IngestionTestBed.Json(GoodPut))).StatusCode);
        Assert.NotEqual(before, bed.DatabaseHash());
    }

    private static IEnumerable<(string What, HttpRequestMessage Request)> Requests(Random random)
    {
        HttpRequestMessage Put(string code, HttpContent content) => new(HttpMethod.Put, $"/api/v1/dossiers/{Uri.EscapeDataString(code)}") { Content = content };
        HttpRequestMessage Event(HttpContent content) => new(HttpMethod.Post, $"/api/v1/dossiers/{Code}/events") { Content = content };
        HttpRequestMessage Import(HttpContent content) => new(HttpMethod.Post, "/api/v1/import/dossiers") { Content = content };
        static ByteArrayContent Bytes(byte[] bytes, string type)
        {
            var c = new ByteArrayContent(bytes);
            c.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            return c;
        }

        // Random objects: unknown and known names with values of every JSON type.
        for (var i = 0; i < 200; i++)
        {
            var put = i % 2 == 0;
            var json = RandomObject(random, put ? PutFields : EventFields, depth: 0);
            yield return ($"random {(put ? "PUT" : "event")} {json}", put ? Put("H50.1-rnd-" + i, IngestionTestBed.Json(json)) : Event(IngestionTestBed.Json(json)));
        }
        // A good body with one field of the wrong type (or a type of the right kind but a bad value), against the existing dossier too.
        foreach (var field in new[] { "procedureCode", "channel", "receivedAt", "resultDelivery" })
            foreach (var value in new[] { "1", "true", "[]", "{}", "\"\"", "\"x\"", "-1e309" })
            {
                var json = GoodPut.Replace($"\"{field}\":\"", $"\"{field}\":{value},\"__was\":\"");
                yield return ($"PUT {field}={value}", Put(Code, IngestionTestBed.Json(json)));
                yield return ($"PUT new {field}={value}", Put("H50.1-new", IngestionTestBed.Json(json)));
            }
        foreach (var field in new[] { "name", "phone", "idNumber", "address" })
            foreach (var value in new[] { "1", "false", "[\"a\"]", "{\"x\":1}" })
                yield return ($"PUT applicant.{field}={value}", Put("H50.1-new", IngestionTestBed.Json(GoodPut.Replace($"\"{field}\":\"", $"\"{field}\":{value},\"_{field}\":\""))));
        foreach (var field in EventFields)
            foreach (var value in new[] { "2", "true", "[1]", "{\"a\":\"b\"}" })
                yield return ($"event {field}={value}", Event(IngestionTestBed.Json($$"""{"type":"handover","at":"2026-11-17T14:00:00+07:00","actor":"postal1","{{field}}":{{value}}}""".Replace($"\"{field}\":\"", "\"x\":\""))));

        // Huge strings: over the per-string limit (400), over the body limit (413).
        foreach (var size in new[] { 4001, 20_000, 60_000 })
        {
            var big = new string('Ầ', size);
            yield return ($"PUT name of {size}", Put("H50.1-big", IngestionTestBed.Json(GoodPut.Replace("Trần Thị Bích Ngọc", big))));
            yield return ($"event note of {size}", Event(IngestionTestBed.Json($$"""{"type":"refused","at":"2026-11-17T14:00:00+07:00","actor":"postal1","note":"{{big}}"}""")));
        }
        yield return ("PUT 1 MB", Put("H50.1-big", IngestionTestBed.Json("{\"procedureCode\":\"" + new string('a', 1 << 20) + "\"}")));
        yield return ("PUT name of 2,000 characters", Put("H50.1-big", IngestionTestBed.Json(GoodPut.Replace("Trần Thị Bích Ngọc", new string('a', 2000)))));
        yield return ("PUT address of 3,000 characters", Put("H50.1-big", IngestionTestBed.Json(GoodPut.Replace("Đông Hà", new string('b', 3000)))));

        // Invalid UTF-8 inside otherwise valid JSON (and CSV).
        byte[][] invalid = [[0xC3, 0x28], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE1, 0xBA]];
        foreach (var bad in invalid)
        {
            var raw = Encoding.UTF8.GetBytes(GoodPut);
            var at = raw.AsSpan().IndexOf("Ng"u8); // inside the applicant's name
            var bytes = raw[..at].Concat(bad).Concat(raw[at..]).ToArray();
            yield return ($"PUT with bytes {Convert.ToHexString(bad)}", Put("H50.1-utf", Bytes(bytes, "application/json; charset=utf-8")));
            yield return ($"event with bytes {Convert.ToHexString(bad)}",
                Event(Bytes([.. Encoding.UTF8.GetBytes("{\"type\":\"refused\",\"at\":\"2026-11-17T14:00:00+07:00\",\"actor\":\"postal1\",\"note\":\""), .. bad, .. "\"}"u8.ToArray()], "application/json")));
            yield return ($"CSV with bytes {Convert.ToHexString(bad)}",
                Import(Bytes([.. Encoding.UTF8.GetBytes(string.Join(",", HistoryImport.Columns) + "\nH50.1-csv,SNV,SNV-01,counter,2026-11-17T10:00:00+07:00,,,,counter,received\nH50.1-csv2,"), .. bad,
                    .. Encoding.UTF8.GetBytes(",SNV-01,counter,2026-11-17T10:00:00+07:00,,,,counter,received\n")], "text/csv")));
        }

        // Not JSON, or not an object; empty; too deep.
        foreach (var text in new[] { "", "{", "}", "null", "[]", "[{}]", "\"text\"", "42", "{\"procedureCode\":}", "{procedureCode:\"SNV-01\"}",
                     "{\"a\":1,}", GoodPut[..^10], new string('[', 100) + new string(']', 100), "{\"applicant\":" + new string('{', 20) + new string('}', 21),
                     "\u0000{}", "{\"channel\":\"online\",\"channel\":\"post\"}" })
        {
            yield return ($"PUT body «{Short(text)}»", Put("H50.1-json", IngestionTestBed.Json(text)));
            yield return ($"event body «{Short(text)}»", Event(IngestionTestBed.Json(text)));
        }

        // Wrong media types and bad codes in the path.
        yield return ("PUT as text/plain", Put("H50.1-type", new StringContent(GoodPut, Encoding.UTF8, "text/plain")));
        yield return ("PUT as form", Put("H50.1-type", new FormUrlEncodedContent(new Dictionary<string, string> { ["procedureCode"] = "SNV-01" })));
        yield return ("event as CSV", Event(new StringContent("type,at\nhandover,2026-11-17T14:00:00+07:00", Encoding.UTF8, "text/csv")));
        yield return ("import as JSON", Import(IngestionTestBed.Json("{}")));
        foreach (var code in new[] { "-abc", "mã-hồ-sơ", new string('A', 65), "a b", "a'b", "..", "a;DROP TABLE Dossiers" })
            yield return ($"PUT code «{code}»", Put(code, IngestionTestBed.Json(GoodPut)));

        // CSV: header wrong, rows wrong, a mix of good and bad rows (all or nothing).
        var header = string.Join(",", HistoryImport.Columns);
        foreach (var csv in new[]
                 {
                     "", "code\n", header.Replace("status", "trạng thái") + "\n", header + "\n",
                     header + "\nH50.1-c1,SNV,SNV-01,counter,2026-11-17T10:00:00+07:00,,,,counter,đã trả\n",
                     header + "\nH50.1-c2,SNV,SNV-01,counter,2026-11-17T10:00:00+07:00,,,,counter,received\nH50.1-c3,SNV,SNV-01,fax,2026-11-17T10:00:00+07:00,,,,counter,received\n",
                     header + "\n\"H50.1-c4,SNV,SNV-01,counter,2026-11-17T10:00:00+07:00,,,,counter,received\n",
                     header + "\n" + Code + ",SNV,SNV-01,counter,2026-11-17T10:00:00+07:00,,,,counter,received\n",
                 })
            yield return ($"CSV «{Short(csv)}»", Import(new StringContent(csv, Encoding.UTF8, "text/csv")));
    }

    private static string RandomObject(Random random, string[] known, int depth)
    {
        var parts = new List<string>();
        var n = random.Next(0, 8);
        for (var i = 0; i < n; i++)
        {
            var name = random.Next(3) == 0 ? RandomText(random, 12) : known[random.Next(known.Length)];
            parts.Add($"{System.Text.Json.JsonSerializer.Serialize(name)}:{RandomValue(random, known, depth)}");
        }
        return "{" + string.Join(",", parts) + "}";
    }

    private static string RandomValue(Random random, string[] known, int depth) => random.Next(depth > 1 ? 7 : 9) switch
    {
        0 => random.Next(-1000, 1000).ToString(),
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => "null",
        3 => System.Text.Json.JsonSerializer.Serialize(RandomText(random, 40)),
        4 => "\"2026-13-45T99:99:99+07:00\"",
        5 => "\"online\"",
        6 => random.NextDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
        7 => "[" + RandomValue(random, known, depth + 1) + "]",
        _ => RandomObject(random, known, depth + 1),
    };

    private static string RandomText(Random random, int max)
    {
        const string alphabet = "abcđĐăâêôơưÁÀẢÃẠấầẩẫậ0123456789 _-.\"\\/\t\u00a0\u200b😀";
        var chars = new char[random.Next(0, max)];
        for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
        // A lone surrogate half is not valid text: keep pairs whole.
        return new string(chars).Replace("\ud83d", "").Replace("\ude00", "") + (random.Next(5) == 0 ? "😀" : "");
    }

    private static string Short(string s) => s.Length <= 30 ? s : s[..30] + "…";
}
