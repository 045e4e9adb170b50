using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Ingestion;

namespace OneStop.Tests.Ingestion;

/// <summary>
/// PUT /api/v1/dossiers/{code}, POST …/events and GET on the real host: idempotency, the workflow's rules and clock,
/// and every rule of the input answered as problem details naming the field.
/// </summary>
public sealed class IngestionApiTests(IngestionTestBed bed) : IClassFixture<IngestionTestBed>
{
    private const string ReceivedAt = "2026-11-17T10:00:00+07:00";

    private static string Body(string procedure = IngestionTestBed.Procedure, string channel = "online", string receivedAt = ReceivedAt,
        string phone = "0905 123 456", string delivery = "counter") => $$"""
        {"procedureCode":"{{procedure}}","channel":"{{channel}}","receivedAt":"{{receivedAt}}",
         "applicant":{"name":"Trần Thị Bích Ngọc","phone":"{{phone}}","idNumber":"045190004321","address":"25 Hùng Vương, Đông Hà, Quảng Trị"},
         "resultDelivery":"{{delivery}}"}
        """;

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<Dictionary<string, string[]>> ErrorsOf(HttpResponseMessage response)
    {
        var json = await JsonOf(response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return json.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    [Fact]
    public async Task The_same_PUT_twice_creates_one_dossier_with_one_event_and_answers_the_same_appointment()
    {
        using var http = bed.Client(await bed.NewKeyAsync(ApiScopes.Read | ApiScopes.Write));
        var first = await http.PutAsync("/api/v1/dossiers/H50.1-idem", IngestionTestBed.Json(Body()));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await JsonOf(first);
        // Received Tuesday 17/11 10:00 with 5 working days: due Tuesday 24/11 10:00, as the counter's calendar says.
        Assert.Equal("2026-11-24T10:00:00+07:00", created.GetProperty("appointment").GetString());
        var clock = await bed.App.Services.GetRequiredService<CenterCalendarProvider>().GetClockAsync();
        Assert.Equal(WireNames.Format(clock.Appointment(new DateTime(2026, 11, 17, 3, 0, 0, DateTimeKind.Utc), 5, TimeUnit.WorkingDays)),
            created.GetProperty("appointment").GetString());
        Assert.Equal("received", created.GetProperty("status").GetString());
        var counts = await bed.CountsAsync();

        var second = await http.PutAsync("/api/v1/dossiers/H50.1-idem", IngestionTestBed.Json(Body()));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var again = await JsonOf(second);
        Assert.Equal("unchanged", again.GetProperty("result").GetString());
        foreach (var field in new[] { "code", "status", "receivedAt", "appointment", "statutoryAppointment" })
            Assert.Equal(created.GetProperty(field).GetString(), again.GetProperty(field).GetString());
        Assert.Equal(counts, await bed.CountsAsync());

        await using var db = bed.App.CreateDb();
        var dossier = await db.Dossiers.SingleAsync(d => d.Code == "H50.1-idem");
        Assert.Equal(1, dossier.Version);
        Assert.Null(dossier.CurrentHandlerId); // the reception pool of the postal staff covering the department
        Assert.Equal(Channel.Online, dossier.Channel);
        Assert.Equal("0905123456", dossier.ApplicantPhone);
        Assert.Single(await db.DossierEvents.Where(e => e.DossierId == dossier.Id).ToListAsync());
    }

    [Fact]
    public async Task A_PUT_with_new_applicant_details_updates_them_but_the_intake_instant_cannot_move()
    {
        using var http = bed.Client(await bed.NewKeyAsync(ApiScopes.Write));
        Assert.Equal(HttpStatusCode.Created, (await http.PutAsync("/api/v1/dossiers/H50.1-upd", IngestionTestBed.Json(Body()))).StatusCode);
        var updated = await http.PutAsync("/api/v1/dossiers/H50.1-upd", IngestionTestBed.Json(Body(phone: "0912345678")));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("updated", (await JsonOf(updated)).GetProperty("result").GetString());
        var moved = await http.PutAsync("/api/v1/dossiers/H50.1-upd", IngestionTestBed.Json(Body(phone: "0912345678", receivedAt: "2026-11-16T10:00:00+07:00")));
        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        Assert.Equal(["receivedAt"], (await ErrorsOf(moved)).Keys);

        await using var db = bed.App.CreateDb();
        var dossier = await db.Dossiers.SingleAsync(d => d.Code == "H50.1-upd");
        Assert.Equal(("0912345678", 2), (dossier.ApplicantPhone, dossier.Version));
        Assert.Equal(1, await db.DossierEvents.CountAsync(e => e.DossierId == dossier.Id));
        Assert.Contains(await db.AuditEntries.Where(a => a.Subject == "Hồ sơ H50.1-upd").Select(a => a.Details).ToListAsync(), d => d!.Contains("applicant.phone"));
    }

    [Fact]
    public async Task Events_move_the_dossier_through_the_workflow_and_the_same_event_twice_counts_once()
    {
        using var http = bed.Client(await bed.NewKeyAsync(ApiScopes.Read | ApiScopes.Write));
        Assert.Equal(HttpStatusCode.Created, (await http.PutAsync("/api/v1/dossiers/H50.1-life", IngestionTestBed.Json(Body()))).StatusCode);
        async Task<HttpResponseMessage> Send(string json) => await http.PostAsync("/api/v1/dossiers/H50.1-life/events", IngestionTestBed.Json(json));

        var handover = """{"type":"handover","at":"2026-11-17T14:00:00+07:00","actor":"postal1","note":"Đã số hóa"}""";
        Assert.Equal(HttpStatusCode.Created, (await Send(handover)).StatusCode);
        var counts = await bed.CountsAsync();
        var repeat = await Send(handover);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal("duplicate", (await JsonOf(repeat)).GetProperty("result").GetString());
        Assert.Equal(counts, await bed.CountsAsync());

        Assert.Equal(HttpStatusCode.Created, (await Send("""{"type":"handover","at":"2026-11-18T08:00:00+07:00","actor":"officer1","toHandler":"leader1"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Send("""{"type":"approved","at":"2026-11-18T08:30:00+07:00","actor":"leader1"}""")).StatusCode);
        var returned = await Send("""{"type":"returned","at":"2026-11-18T08:45:00+07:00","actor":"postal1"}""");
        Assert.Equal(HttpStatusCode.Created, returned.StatusCode);

        var state = await JsonOf(await http.GetAsync("/api/v1/dossiers/H50.1-life"));
        Assert.Equal("returned", state.GetProperty("status").GetString());
        Assert.Equal("early", state.GetProperty("outcome").GetString());
        Assert.Equal(4, state.GetProperty("step").GetProperty("order").GetInt32());
        Assert.Equal("2026-11-18T08:30:00+07:00", state.GetProperty("completedAt").GetString());
        Assert.Equal("2026-11-18T08:45:00+07:00", state.GetProperty("returnedAt").GetString());

        await using var db = bed.App.CreateDb();
        var dossier = await db.Dossiers.SingleAsync(d => d.Code == "H50.1-life");
        var events = await db.DossierEvents.Where(e => e.DossierId == dossier.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([DossierEventType.Received, DossierEventType.HandedOver, DossierEventType.HandedOver, DossierEventType.Approved, DossierEventType.Returned],
            events.Select(e => e.Type));
        Assert.Equal([null, 100, 200, 300, 100], events.Select(e => e.ActorId));
        Assert.Equal(new DateTime(2026, 11, 18, 1, 30, 0, DateTimeKind.Utc), events[3].At); // the province's instant, not ours
        Assert.Equal(4, await db.ExternalEventKeys.CountAsync(k => k.DossierId == dossier.Id));
    }

    [Fact]
    public async Task A_supplement_request_pauses_the_clock_and_resuming_moves_the_appointment_by_the_paused_working_time()
    {
        using var http = bed.Client(await bed.NewKeyAsync(ApiScopes.Read | ApiScopes.Write));
        await http.PutAsync("/api/v1/dossiers/H50.1-pause", IngestionTestBed.Json(Body()));
        async Task<HttpStatusCode> Send(string json) => (await http.PostAsync("/api/v1/dossiers/H50.1-pause/events", IngestionTestBed.Json(json))).StatusCode;
        Assert.Equal(HttpStatusCode.Created, await Send("""{"type":"supplement-requested","at":"2026-11-17T11:00:00+07:00","actor":"postal1","note":"Thiếu bản sao CCCD"}"""));
        Assert.True((await JsonOf(await http.GetAsync("/api/v1/dossiers/H50.1-pause"))).GetProperty("paused").GetBoolean());
        // Paused 11:00 → 14:00 on Tuesday: 30 min before noon + 30 min after 13:30 = 1 working hour.
        Assert.Equal(HttpStatusCode.Created, await Send("""{"type":"resumed","at":"2026-11-17T14:00:00+07:00","actor":"postal1"}"""));
        var state = await JsonOf(await http.GetAsync("/api/v1/dossiers/H50.1-pause"));
        Assert.Equal("2026-11-24T11:00:00+07:00", state.GetProperty("appointment").GetString());
        Assert.False(state.GetProperty("paused").GetBoolean());
    }

    public static TheoryData<string, string> PutRules => new()
    {
        { """{"channel":"online","receivedAt":"2026-11-17T10:00:00+07:00","applicant":{"name":"Trần Ngọc","phone":"0905123456","idNumber":"045190004321","address":"Đông Hà"},"resultDelivery":"counter"}""", "procedureCode" },
        { Body(procedure: "KHONG-CO"), "procedureCode" },
        { Body(channel: "fax"), "channel" },
        { Body(procedure: IngestionTestBed.CounterOnlyProcedure), "channel" },
        { Body(receivedAt: "2026-11-17T10:00:00"), "receivedAt" },
        { Body(receivedAt: "17/11/2026 10:00"), "receivedAt" },
        { Body(receivedAt: "2026-11-19T10:00:00+07:00"), "receivedAt" },
        { Body(phone: "12345"), "applicant.phone" },
        { Body(delivery: "drone"), "resultDelivery" },
        { Body(procedure: IngestionTestBed.CounterOnlyProcedure, channel: "counter", delivery: "post"), "resultDelivery" },
        { """{"procedureCode":"SNV-01","channel":"online","receivedAt":"2026-11-17T10:00:00+07:00","resultDelivery":"counter"}""", "applicant" },
        { """{"procedureCode":"SNV-01","channel":"online","receivedAt":"2026-11-17T10:00:00+07:00","applicant":{"name":"","phone":"0905123456","idNumber":"045190004321","address":"Đông Hà"},"resultDelivery":"counter"}""", "applicant.name" },
        { """{"procedureCode":"SNV-01","channel":"online","receivedAt":"2026-11-17T10:00:00+07:00","applicant":{"name":"Trần 123","phone":"0905123456","idNumber":"045190004321","address":"Đông Hà"},"resultDelivery":"counter"}""", "applicant.name" },
        { """{"procedureCode":"SNV-01","channel":"online","receivedAt":"2026-11-17T10:00:00+07:00","applicant":{"name":"Trần Ngọc","phone":"0905123456","idNumber":"04519000432","address":"Đông Hà"},"resultDelivery":"counter"}""", "applicant.idNumber" },
        { """{"procedureCode":"SNV-01","channel":"online","receivedAt":"2026-11-17T10:00:00+07:00","applicant":{"name":"Trần Ngọc","phone":"0905123456","idNumber":"045190004321","address":" "},"resultDelivery":"counter"}""", "applicant.address" },
        { """{"procedureCode":"SNV-01","channel":5,"receivedAt":"2026-11-17T10:00:00+07:00","applicant":{"name":"Trần Ngọc","phone":"0905123456","idNumber":"045190004321","address":"Đông Hà"},"resultDelivery":"counter"}""", "channel" },
        { """{"procedureCode":"SNV-01","channel":"online","receivedAt":"2026-11-17T10:00:00+07:00","applicant":"Trần Ngọc","resultDelivery":"counter"}""", "applicant" },
        { """{"procedureCode":"SNV-01","channell":"online","receivedAt":"2026-11-17T10:00:00+07:00","applicant":{"name":"Trần Ngọc","phone":"0905123456","idNumber":"045190004321","address":"Đông Hà"},"resultDelivery":"counter"}""", "channell" },
    };

    [Theory]
    [MemberData(nameof(PutRules))]
    public async Task Each_rule_of_a_PUT_is_answered_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        using var http = bed.Client(await bed.NewKeyAsync(ApiScopes.Write));
        var code = "H50.1-bad-" + Guid.NewGuid().ToString("N")[..8];
        var response = await http.PutAsync($"/api/v1/dossiers/{code}", IngestionTestBed.Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsOf(response);
        Assert.Contains(field, errors.Keys);
        Assert.All(errors[field], m => Assert.False(string.IsNullOrWhiteSpace(m)));
        await using var db = bed.App.CreateDb();
        Assert.False(await db.Dossiers.AnyAsync(d => d.Code == code));
    }

    [Fact]
    public async Task A_bad_code_in_the_path_is_named()
    {
        using var http = bed.Client(await bed.NewKeyAsync(ApiScopes.Write));
        var response = await http.PutAsync("/api/v1/dossiers/" + Uri.EscapeDataString("mã có dấu"), IngestionTestBed.Json(Body()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["code"], (await ErrorsOf(response)).Keys);
    }

    public static TheoryData<string, HttpStatusCode, string> EventRules => new()
    {
        { """{"type":"teleport","at":"2026-11-17T14:00:00+07:00","actor":"postal1"}""", HttpStatusCode.BadRequest, "type" },
        { """{"type":"handover","actor":"postal1"}""", HttpStatusCode.BadRequest, "at" },
        { """{"type":"handover","at":"2026-11-17 14:00","actor":"postal1"}""", HttpStatusCode.BadRequest, "at" },
        { """{"type":"handover","at":"2026-11-17T14:00:00+07:00"}""", HttpStatusCode.BadRequest, "actor" },
        { """{"type":"handover","at":"2026-11-17T14:00:00+07:00","actor":"nobody"}""", HttpStatusCode.BadRequest, "actor" },
        { """{"type":"handover","at":"2026-11-17T14:00:00+07:00","actor":"postal1","toHandler":"nobody"}""", HttpStatusCode.BadRequest, "toHandler" },
        { """{"type":"handover","at":"2026-11-17T14:00:00+07:00","actor":"postal1","toHandler":"leader1"}""", HttpStatusCode.BadRequest, "toHandler" },
        { """{"type":"refused","at":"2026-11-17T14:00:00+07:00","actor":"postal1"}""", HttpStatusCode.BadRequest, "note" },
        { """{"type":"apology","at":"2026-11-17T14:00:00+07:00","actor":"leader1","note":"Chậm thẩm định"}""", HttpStatusCode.BadRequest, "newAppointment" },
        { """{"type":"approved","at":"2026-11-17T14:00:00+07:00","actor":"leader1","newAppointment":"2026-12-01T10:00:00+07:00"}""", HttpStatusCode.BadRequest, "newAppointment" },
        { """{"type":"handover","at":"2026-11-17T09:00:00+07:00","actor":"postal1"}""", HttpStatusCode.Conflict, "at" },
        { """{"type":"returned","at":"2026-11-17T14:00:00+07:00","actor":"postal1"}""", HttpStatusCode.Conflict, "type" },
        { """{"type":"handover","at":"2026-11-17T14:00:00+07:00","actor":"officer1"}""", HttpStatusCode.Conflict, "actor" },
        { """{"type":"handover","at":1,"actor":"postal1"}""", HttpStatusCode.BadRequest, "at" },
    };

    [Theory]
    [MemberData(nameof(EventRules))]
    public async Task Each_rule_of_an_event_is_answered_naming_the_field_and_nothing_changes(string body, HttpStatusCode status, string field)
    {
        using var http = bed.Client(await bed.NewKeyAsync(ApiScopes.Write));
        var code = "H50.1-ev-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await http.PutAsync($"/api/v1/dossiers/{code}", IngestionTestBed.Json(Body()))).StatusCode);
        await using var db = bed.App.CreateDb();
        var before = await db.Dossiers.AsNoTracking().SingleAsync(d => d.Code == code);

        var response = await http.PostAsync($"/api/v1/dossiers/{code}/events", IngestionTestBed.Json(body));
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(field, (await ErrorsOf(response)).Keys);
        var after = await db.Dossiers.AsNoTracking().SingleAsync(d => d.Code == code);
        Assert.Equal((before.Version, before.Status, before.CurrentStep), (after.Version, after.Status, after.CurrentStep));
        Assert.Equal(1, await db.DossierEvents.CountAsync(e => e.DossierId == before.Id));
        Assert.False(await db.ExternalEventKeys.AnyAsync(k => k.DossierId == before.Id));
    }

    [Fact]
    public async Task An_event_for_an_unknown_dossier_is_404_and_GET_of_one_too()
    {
        using var http = bed.Client(await bed.NewKeyAsync(ApiScopes.Read | ApiScopes.Write));
        var post = await http.PostAsync("/api/v1/dossiers/KHONG-CO/events",
            IngestionTestBed.Json("""{"type":"handover","at":"2026-11-17T14:00:00+07:00","actor":"postal1"}"""));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(["code"], (await ErrorsOf(post)).Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/dossiers/KHONG-CO")).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_ingestion_endpoints()
    {
        using var http = bed.Client(null);
        var doc = await JsonOf(await http.GetAsync("/openapi/v1.json"));
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/dossiers/{code}", out var dossier));
        Assert.True(dossier.TryGetProperty("put", out var put));
        Assert.True(put.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(dossier.TryGetProperty("get", out _));
        Assert.True(paths.TryGetProperty("/api/v1/dossiers/{code}/events", out _));
        Assert.True(paths.TryGetProperty("/api/v1/import/dossiers", out var import));
        Assert.True(import.GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("text/csv", out _));
    }
}
