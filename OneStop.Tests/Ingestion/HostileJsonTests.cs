using System.Net;
using System.Text.Json;
using OneStop.Domain.Ingestion;

namespace OneStop.Tests.Ingestion;

/// <summary>
/// Bodies an attacker sends first: a lone UTF-16 surrogate escaped in a string or a name, a NUL in a text field, JSON
/// nested past the limit. Each is a 400 naming the field and the rule, and nothing is written.
/// </summary>
public sealed class HostileJsonTests(IngestionTestBed bed) : IClassFixture<IngestionTestBed>
{
    private static string Body(string name = "Trần Thị Bích Ngọc", string address = "25 Hùng Vương, Đông Hà") => $$"""
        {"procedureCode":"{{IngestionTestBed.Procedure}}","channel":"online","receivedAt":"2026-11-17T10:00:00+07:00",
         "applicant":{"name":"{{name}}","phone":"0905 123 456","idNumber":"045190004321","address":"{{address}}"},
         "resultDelivery":"counter"}
        """;

    private async Task<(HttpStatusCode Status, Dictionary<string, string[]> Errors)> PutAsync(string code, string body)
    {
        using var http = bed.Client(await bed.NewKeyAsync(ApiScopes.Read | ApiScopes.Write));
        var before = await bed.CountsAsync();
        var response = await http.PutAsync($"/api/v1/dossiers/{code}", IngestionTestBed.Json(body));
        Assert.Equal(before, await bed.CountsAsync());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, json.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!);
    }

    [Theory]
    [InlineData(@"\ud800")]
    [InlineData(@"Ng\udfffọc")]
    [InlineData(@"\udc00\ud800")] // the halves in the wrong order
    public async Task A_lone_surrogate_in_a_value_is_a_400_naming_the_field(string name)
    {
        var (status, errors) = await PutAsync("H50.1-surrogate", Body(name: name));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("nửa cặp surrogate", Assert.Single(errors["applicant.name"]));
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_field_name_is_a_400_too()
    {
        var body = Body().Replace("\"address\"", "\"addr\\ud800\"");
        var (status, errors) = await PutAsync("H50.1-surrogate-name", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("tên trường", Assert.Single(errors["applicant.$"]));
    }

    [Fact]
    public async Task A_paired_surrogate_an_emoji_is_fine_where_the_field_allows_it()
    {
        using var http = bed.Client(await bed.NewKeyAsync(ApiScopes.Read | ApiScopes.Write));
        // The address may hold any printable text; an emoji is a surrogate pair and must not be taken for a lone half.
        var response = await http.PutAsync("/api/v1/dossiers/H50.1-emoji", IngestionTestBed.Json(Body(address: @"25 Hùng Vương \ud83c\udfe0")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData(@"25 Hùng\u0000 Vương", "U+0000")]
    [InlineData(@"25 Hùng\u001b[31m Vương", "U+001B")]
    public async Task A_control_character_in_a_text_field_is_refused_and_named(string address, string codePoint)
    {
        var (status, errors) = await PutAsync("H50.1-nul", Body(address: address));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"applicant.address: chứa ký tự điều khiển {codePoint}, không được phép (chỉ cho phép tab và xuống dòng).",
            Assert.Single(errors["applicant.address"]));
    }

    [Theory]
    [InlineData(9, true)]
    [InlineData(40, true)]
    [InlineData(8, false)] // at the limit: parsed, then refused for what it holds, not for its depth
    public async Task A_body_nested_past_eight_levels_is_called_too_deep_not_invalid(int depth, bool tooDeep)
    {
        var body = "{\"procedureCode\":" + new string('[', depth - 1) + new string(']', depth - 1) + "}";
        var (status, errors) = await PutAsync("H50.1-deep", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        if (tooDeep) Assert.Equal($"Nội dung: lồng quá sâu ({depth} tầng; tối đa 8).", Assert.Single(errors["$"]));
        else Assert.Contains("phải là chuỗi ký tự", Assert.Single(errors["procedureCode"]));
    }

    [Fact]
    public async Task Broken_json_is_still_called_invalid_with_its_position()
    {
        var (status, errors) = await PutAsync("H50.1-broken", "{\"procedureCode\": [[[");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Nội dung: không phải JSON hợp lệ (dòng 1", Assert.Single(errors["$"]));
    }
}
