using System.Text.Json;

namespace OneStop.Tests.Ingestion;

/// <summary>The document an integrator generates a client from: only /api/v1, the key scheme on every guarded operation, the error shapes, Vietnamese examples.</summary>
public sealed class ApiDocumentTests(IngestionTestBed bed) : IClassFixture<IngestionTestBed>
{
    private async Task<JsonElement> DocumentAsync()
    {
        using var http = bed.Client(null);
        return JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
    }

    [Fact]
    public async Task Only_the_api_is_in_the_document_not_the_pages_endpoints()
    {
        var doc = await DocumentAsync();
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.NotEmpty(paths);
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p));
        Assert.DoesNotContain(paths, p => p.Contains("culture") || p.Contains("signout") || p.Contains("reports"));
        Assert.StartsWith("3.1", doc.GetProperty("openapi").GetString());
    }

    [Fact]
    public async Task The_api_key_scheme_is_declared_and_required_with_its_scope_on_every_guarded_operation()
    {
        var doc = await DocumentAsync();
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
        Assert.Contains("«write»", scheme.GetProperty("description").GetString());

        string[] ScopesOf(string path, string method) => doc.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("security")
            .EnumerateArray().Single().GetProperty("ApiKey").EnumerateArray().Select(s => s.GetString()!).ToArray();
        Assert.Equal(["write"], ScopesOf("/api/v1/dossiers/{code}", "put"));
        Assert.Equal(["read"], ScopesOf("/api/v1/dossiers/{code}", "get"));
        Assert.Equal(["write"], ScopesOf("/api/v1/dossiers/{code}/events", "post"));
        Assert.Equal(["write"], ScopesOf("/api/v1/import/dossiers", "post"));
        // The public calendar needs no key.
        var calendar = doc.GetProperty("paths").EnumerateObject().First(p => p.Name.StartsWith("/api/v1/calendar")).Value;
        Assert.All(calendar.EnumerateObject(), op => Assert.False(op.Value.TryGetProperty("security", out _)));
    }

    [Fact]
    public async Task Every_write_declares_its_problem_answers_and_the_bodies_have_vietnamese_examples()
    {
        var doc = await DocumentAsync();
        var put = doc.GetProperty("paths").GetProperty("/api/v1/dossiers/{code}").GetProperty("put");
        foreach (var status in new[] { "400", "401", "403", "409", "413", "415", "429" })
            Assert.True(put.GetProperty("responses").GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), status);
        JsonElement BodyExample(string path, string method) => doc.GetProperty("paths").GetProperty(path).GetProperty(method)
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("example");
        Assert.Equal("Trần Thị Bích Ngọc", BodyExample("/api/v1/dossiers/{code}", "put").GetProperty("applicant").GetProperty("name").GetString());
        Assert.Equal("handover", BodyExample("/api/v1/dossiers/{code}/events", "post").GetProperty("type").GetString());
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        Assert.Equal("Thẩm định hồ sơ", schemas.GetProperty("DossierDto").GetProperty("example").GetProperty("step").GetProperty("name").GetString());
    }
}
