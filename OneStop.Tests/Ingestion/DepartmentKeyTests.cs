using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Ingestion;

namespace OneStop.Tests.Ingestion;

/// <summary>
/// A key limited to departments (a department's or a district's own system): it sees and writes only their dossiers,
/// names only their people as actors, and imports only their rows; everything else is refused with the field named and
/// changes nothing. An unlimited key behaves as before.
/// </summary>
public sealed class DepartmentKeyTests(IngestionTestBed bed) : IClassFixture<IngestionTestBed>
{
    private static string Body(string procedure) => $$"""
        {"procedureCode":"{{procedure}}","channel":"online","receivedAt":"2026-11-17T10:00:00+07:00",
         "applicant":{"name":"Trần Thị Bích Ngọc","phone":"0905 123 456","idNumber":"045190004321","address":"25 Hùng Vương, Đông Hà"},
         "resultDelivery":"counter"}
        """;

    private static async Task<(HttpStatusCode Status, Dictionary<string, string[]>? Errors)> Read(HttpResponseMessage response)
    {
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, json.TryGetProperty("errors", out var e) ? e.Deserialize<Dictionary<string, string[]>>() : null);
    }

    private async Task<HttpClient> StpKeyAsync() =>
        bed.Client(await bed.NewKeyAsync(ApiScopes.Read | ApiScopes.Write, "Hệ thống của Sở Tư pháp", IngestionTestBed.Stp));

    [Fact]
    public async Task A_key_for_one_department_writes_and_reads_only_its_dossiers()
    {
        using var everything = bed.Client(await bed.NewKeyAsync(ApiScopes.Read | ApiScopes.Write));
        using var stp = await StpKeyAsync();
        Assert.Equal(HttpStatusCode.Created, (await everything.PutAsync("/api/v1/dossiers/K21-snv", IngestionTestBed.Json(Body(IngestionTestBed.Procedure)))).StatusCode);
        var before = await bed.CountsAsync();

        // Another department's procedure, or a code another department's dossier already holds: 403, naming the field.
        var (status, errors) = await Read(await stp.PutAsync("/api/v1/dossiers/K21-new", IngestionTestBed.Json(Body(IngestionTestBed.Procedure))));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Mã thủ tục: SNV-01 thuộc đơn vị ngoài phạm vi của khóa API này.", Assert.Single(errors!["procedureCode"]));
        (status, errors) = await Read(await stp.PutAsync("/api/v1/dossiers/K21-snv", IngestionTestBed.Json(Body(IngestionTestBed.OtherDepartmentProcedure))));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("ngoài phạm vi", Assert.Single(errors!["code"]));
        // Reading or adding to another department's dossier: as if it were not there.
        Assert.Equal(HttpStatusCode.NotFound, (await stp.GetAsync("/api/v1/dossiers/K21-snv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stp.PostAsync("/api/v1/dossiers/K21-snv/events",
            IngestionTestBed.Json("""{"type":"handover","at":"2026-11-17T14:00:00+07:00","actor":"postal1"}"""))).StatusCode);
        Assert.Equal(before, await bed.CountsAsync());

        // Its own department: as any key.
        Assert.Equal(HttpStatusCode.Created, (await stp.PutAsync("/api/v1/dossiers/K21-stp", IngestionTestBed.Json(Body(IngestionTestBed.OtherDepartmentProcedure)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stp.GetAsync("/api/v1/dossiers/K21-stp")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await everything.GetAsync("/api/v1/dossiers/K21-stp")).StatusCode);
    }

    [Fact]
    public async Task A_limited_key_names_only_its_departments_people()
    {
        using var stp = await StpKeyAsync();
        Assert.Equal(HttpStatusCode.Created, (await stp.PutAsync("/api/v1/dossiers/K21-actor", IngestionTestBed.Json(Body(IngestionTestBed.OtherDepartmentProcedure)))).StatusCode);
        var before = await bed.CountsAsync();

        // officer1 works for Sở Nội vụ, the director for nobody's department in particular.
        foreach (var (actor, field, body) in new[]
                 {
                     ("officer1", "actor", """{"type":"handover","at":"2026-11-17T14:00:00+07:00","actor":"officer1"}"""),
                     ("director", "actor", """{"type":"handover","at":"2026-11-17T14:00:00+07:00","actor":"director"}"""),
                     ("leader1", "toHandler", """{"type":"handover","at":"2026-11-17T14:00:00+07:00","actor":"postal1","toHandler":"leader1"}"""),
                 })
        {
            var (status, errors) = await Read(await stp.PostAsync("/api/v1/dossiers/K21-actor/events", IngestionTestBed.Json(body)));
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains($"«{actor}» không thuộc đơn vị nào của khóa API này", Assert.Single(errors![field]));
        }
        Assert.Equal(before, await bed.CountsAsync());

        // postal1 covers Sở Tư pháp: allowed.
        var ok = await stp.PostAsync("/api/v1/dossiers/K21-actor/events",
            IngestionTestBed.Json("""{"type":"handover","at":"2026-11-17T14:00:00+07:00","actor":"postal1"}"""));
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }

    [Fact]
    public async Task A_limited_key_imports_only_its_departments_rows()
    {
        using var stp = await StpKeyAsync();
        var csv = string.Join("\n", string.Join(",", HistoryImport.Columns),
            "K21-i1,STP,STP-01,online,2026-11-02T08:00:00+07:00,,,,counter,received",
            "K21-i2,SNV,SNV-01,online,2026-11-02T08:00:00+07:00,,,,counter,received");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new("text/csv") { CharSet = "utf-8" };
        var before = await bed.CountsAsync();
        var response = await stp.PostAsync("/api/v1/import/dossiers", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal((3, "departmentCode", "«SNV» ngoài phạm vi của khóa API này."),
            (problem.GetProperty("line").GetInt32(), problem.GetProperty("column").GetString(), problem.GetProperty("reason").GetString()));
        Assert.Equal(before, await bed.CountsAsync());
    }

    [Fact]
    public async Task A_key_limited_to_an_unknown_department_is_not_made()
    {
        var store = bed.App.Services.GetRequiredService<ApiKeyStore>();
        var e = await Assert.ThrowsAsync<OneStop.Domain.Dossiers.DossierValidationException>(() =>
            store.CreateAsync("Sai đơn vị", ApiScopes.Read, 500, "Quản trị", departments: [IngestionTestBed.Stp, 999]));
        Assert.Equal("Đơn vị: chọn các đơn vị có trong danh mục.", e.Errors["Departments"]);
        await using var db = bed.App.CreateDb();
        Assert.False(await db.ApiKeys.AnyAsync(k => k.Name == "Sai đơn vị"));
    }
}
