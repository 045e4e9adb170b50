using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Ingestion;

namespace OneStop.Tests.Ingestion;

/// <summary>X-Api-Key on /api/v1: who is refused (401), who lacks the scope (403), and that only the hash is stored.</summary>
public sealed class ApiKeyAuthTests(IngestionTestBed bed) : IClassFixture<IngestionTestBed>
{
    private const string Event = """{"type":"handover","at":"2026-11-17T14:00:00+07:00","actor":"postal1"}""";
    private const string Put = """
        {"procedureCode":"SNV-01","channel":"online","receivedAt":"2026-11-17T10:00:00+07:00",
         "applicant":{"name":"Trần Ngọc","phone":"0905123456","idNumber":"045190004321","address":"Đông Hà"},"resultDelivery":"counter"}
        """;

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
    }

    /// <summary>FORM: the wrong content type, which must not be answered (415) before the key is checked.</summary>
    public static TheoryData<string> Requests => new() { "GET", "PUT", "EVENT", "IMPORT", "FORM" };

    private static Task<HttpResponseMessage> Send(HttpClient http, string kind) => kind switch
    {
        "GET" => http.GetAsync("/api/v1/dossiers/H50.1-auth"),
        "PUT" => http.PutAsync("/api/v1/dossiers/H50.1-auth", IngestionTestBed.Json(Put)),
        "EVENT" => http.PostAsync("/api/v1/dossiers/H50.1-auth/events", IngestionTestBed.Json(Event)),
        "FORM" => http.PostAsync("/api/v1/dossiers/H50.1-auth/events", new FormUrlEncodedContent(new Dictionary<string, string> { ["type"] = "handover" })),
        _ => http.PostAsync("/api/v1/import/dossiers", new StringContent("code\n", System.Text.Encoding.UTF8, "text/csv")),
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task No_key_a_wrong_key_and_a_revoked_key_are_401(string kind)
    {
        var store = bed.App.Services.GetRequiredService<ApiKeyStore>();
        var valid = await store.CreateAsync("Khóa sẽ bị thu hồi", ApiScopes.Read | ApiScopes.Write, 500, "Quản trị");
        await store.RevokeAsync(valid.Key.Id, 500, "Quản trị");
        var tampered = valid.Secret[..^1] + (valid.Secret[^1] == 'A' ? 'B' : 'A');
        var live = await bed.NewKeyAsync(ApiScopes.Read | ApiScopes.Write);
        var wrongSecretRightPrefix = live[..12] + new string('x', live.Length - 12);

        foreach (var key in new[] { null, "", "not-a-key", tampered, wrongSecretRightPrefix, valid.Secret })
        {
            using var http = bed.Client(key);
            var response = await Send(http, kind);
            await AssertProblem(response, HttpStatusCode.Unauthorized);
            Assert.Equal("X-Api-Key", response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Fact]
    public async Task A_read_only_key_may_read_but_writing_is_403_and_a_write_only_key_may_not_read()
    {
        using var writer = bed.Client(await bed.NewKeyAsync(ApiScopes.Write));
        Assert.Equal(HttpStatusCode.Created, (await Send(writer, "PUT")).StatusCode);
        var counts = await bed.CountsAsync();

        using var reader = bed.Client(await bed.NewKeyAsync(ApiScopes.Read));
        Assert.Equal(HttpStatusCode.OK, (await Send(reader, "GET")).StatusCode);
        foreach (var kind in new[] { "PUT", "EVENT", "IMPORT" })
            await AssertProblem(await Send(reader, kind), HttpStatusCode.Forbidden);
        await AssertProblem(await Send(writer, "GET"), HttpStatusCode.Forbidden);
        Assert.Equal(counts, await bed.CountsAsync());
    }

    [Fact]
    public async Task Only_the_hash_of_the_secret_is_stored_and_creation_and_revocation_are_audited()
    {
        var store = bed.App.Services.GetRequiredService<ApiKeyStore>();
        var made = await store.CreateAsync("Kịch bản đối soát", ApiScopes.Read, 500, "Quản trị");
        await store.RevokeAsync(made.Key.Id, 500, "Quản trị");
        await using var db = bed.App.CreateDb();
        var key = await db.ApiKeys.SingleAsync(k => k.Id == made.Key.Id);
        Assert.StartsWith(key.Prefix + "_", made.Secret);
        Assert.Equal(ApiKeyStore.Hash(made.Secret), key.SecretHash);
        Assert.DoesNotContain(made.Secret[12..], key.SecretHash + key.Name + key.Prefix);
        Assert.NotNull(key.RevokedAt);
        var audit = await db.AuditEntries.Where(a => a.Area == ApiKeyStore.AuditArea && a.Subject.Contains(key.Prefix)).Select(a => a.Action).ToListAsync();
        Assert.Equal(["create", "revoke"], audit.Order());
    }

    [Fact]
    public async Task A_key_needs_a_name_and_a_scope()
    {
        var store = bed.App.Services.GetRequiredService<ApiKeyStore>();
        var e = await Assert.ThrowsAsync<OneStop.Domain.Dossiers.DossierValidationException>(() => store.CreateAsync(" ", ApiScopes.None, 500, "Quản trị"));
        Assert.Equal(["Name", "Scopes"], e.Errors.Keys.Order());
    }
}
