using System.Net;
using System.Text.Json;
using OneStop.Domain.Ingestion;

namespace OneStop.Tests.Ingestion;

/// <summary>
/// The API answers in Vietnamese whatever the client's Accept-Language: the domain's rule messages speak the screen's
/// language through UiText.Say, and only the culture cookie of the web UI chooses that language. An integrator whose
/// HTTP stack sends "en-US" by default must not get a different contract (or English stored beside Vietnamese).
/// </summary>
public sealed class ApiLanguageTests(IngestionTestBed bed) : IClassFixture<IngestionTestBed>
{
    private const string Body = """
        {"procedureCode":"SNV-01","channel":"online","receivedAt":"2026-11-17T10:00:00+07:00",
         "applicant":{"name":"Trần Thị Bích Ngọc","phone":"PHONE","idNumber":"045190004321","address":"25 Hùng Vương, Đông Hà, Quảng Trị"},
         "resultDelivery":"counter"}
        """;

    private async Task<HttpClient> EnglishClientAsync()
    {
        var http = bed.Client(await bed.NewKeyAsync(ApiScopes.Read | ApiScopes.Write));
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        return http;
    }

    private static async Task<Dictionary<string, string[]>> ErrorsOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;

    [Fact]
    public async Task An_intake_rule_is_answered_in_Vietnamese_to_a_client_that_asks_for_English()
    {
        using var http = await EnglishClientAsync();
        var response = await http.PutAsync("/api/v1/dossiers/H50.1-lang-" + Guid.NewGuid().ToString("N")[..8], IngestionTestBed.Json(Body.Replace("PHONE", "12345")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var phone = Assert.Single((await ErrorsOf(response))["applicant.phone"]);
        Assert.Contains("phải là số di động 10 chữ số", phone);
    }

    [Fact]
    public async Task A_workflow_rule_is_answered_in_Vietnamese_to_a_client_that_asks_for_English()
    {
        using var http = await EnglishClientAsync();
        var code = "H50.1-lang-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await http.PutAsync($"/api/v1/dossiers/{code}", IngestionTestBed.Json(Body.Replace("PHONE", "0905 123 456")))).StatusCode);
        var response = await http.PostAsync($"/api/v1/dossiers/{code}/events",
            IngestionTestBed.Json("""{"type":"refused","at":"2026-11-17T14:00:00+07:00","actor":"postal1"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var note = string.Join(" ", (await ErrorsOf(response))["note"]);
        Assert.Contains("bắt buộc", note);
        Assert.DoesNotContain("required", note, StringComparison.OrdinalIgnoreCase);
    }
}
