using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using OneStop.Domain.Ingestion;
using OneStop.Tests.ApiClient.Generated;
using OneStop.Tests.ApiClient.Generated.Api.V1.Dossiers.Item;
using OneStop.Tests.ApiClient.Generated.Api.V1.Dossiers.Item.Events;
using OneStop.Tests.ApiClient.Generated.Models;
using OneStop.Tests.Ingestion;

namespace OneStop.Tests.ApiClient;

/// <summary>
/// The integrators' contract, tried with a client nobody here wrote: Kiota 1.38.0 generated <c>Generated/</c> from
/// <c>openapi-v1.json</c>, the app's own document committed beside it (regenerate.sh). The document the app serves must
/// be that file, so an API change that the committed client does not match fails here; and a whole dossier lifecycle
/// goes through the client: PUT, every event type, GET, a duplicate, a validation error read as problem details.
/// </summary>
public sealed class ApiContractTests(IngestionTestBed bed) : IClassFixture<IngestionTestBed>
{
    private static readonly string Committed = Path.Combine(AppContext.BaseDirectory, "ApiClient", "openapi-v1.json");

    private async Task<OneStopApiClient> ClientAsync()
    {
        var key = await bed.NewKeyAsync(ApiScopes.Read | ApiScopes.Write, "Kiota");
        return new OneStopApiClient(new HttpClientRequestAdapter(new HeaderKey(key)) { BaseUrl = bed.App.BaseAddress.ToString().TrimEnd('/') });
    }

    /// <summary>
    /// The key where the document's ApiKey scheme says: the X-Api-Key header. Kiota's own ApiKeyAuthenticationProvider
    /// does the same but refuses plain http, and the test's Kestrel listens on http://127.0.0.1.
    /// </summary>
    private sealed class HeaderKey(string key) : IAuthenticationProvider
    {
        public Task AuthenticateRequestAsync(Microsoft.Kiota.Abstractions.RequestInformation request,
            Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
        {
            request.Headers.Add("X-Api-Key", key);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task The_committed_document_is_the_live_one()
    {
        using var http = bed.Client(null);
        var live = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!.AsObject();
        live.Remove("servers"); // the address the document was fetched from
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Committed));
        if (JsonNode.DeepEquals(live, committed)) return;
        if (Environment.GetEnvironmentVariable("ONESTOP_UPDATE_OPENAPI") == "1")
        {
            var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "ApiClient", "openapi-v1.json"));
            await File.WriteAllTextAsync(source, live.ToJsonString(new JsonSerializerOptions
                { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }
        Assert.Fail("/openapi/v1.json differs from OneStop.Tests/ApiClient/openapi-v1.json, from which the client was generated: " +
                    "if the API change is meant, run OneStop.Tests/ApiClient/regenerate.sh and commit both.");
    }

    private static WithCodePutRequestBody Intake(string procedure = IngestionTestBed.Procedure) => new()
    {
        ProcedureCode = procedure, Channel = "online", ReceivedAt = "2026-11-17T10:00:00+07:00", ResultDelivery = "counter",
        Applicant = new WithCodePutRequestBody_applicant
        {
            Name = "Trần Thị Bích Ngọc", Phone = "0905 123 456", IdNumber = "045190004321", Address = "25 Hùng Vương, Đông Hà",
        },
    };

    private static EventsPostRequestBody Event(string type, string at, string actor, string? note = null, string? toHandler = null,
        string? newAppointment = null) =>
        new() { Type = type, At = at, Actor = actor, Note = note, ToHandler = toHandler, NewAppointment = newAppointment };

    [Fact]
    public async Task A_whole_lifecycle_goes_through_the_generated_client()
    {
        var client = await ClientAsync();
        var dossiers = client.Api.V1.Dossiers;

        var created = await dossiers["K20-life"].PutAsync(Intake());
        Assert.Equal(("created", "received", "2026-11-24T10:00:00+07:00"), (created!.Result, created.Status, created.Appointment));
        var again = await dossiers["K20-life"].PutAsync(Intake());
        Assert.Equal("unchanged", again!.Result);

        var life = dossiers["K20-life"].Events;
        Assert.Equal("waiting-supplement", (await life.PostAsync(Event("supplement-requested", "2026-11-17T11:00:00+07:00", "postal1", "Thiếu bản sao CCCD")))!.Status);
        Assert.Equal("received", (await life.PostAsync(Event("resumed", "2026-11-17T14:00:00+07:00", "postal1")))!.Status);
        Assert.Equal("in-progress", (await life.PostAsync(Event("handover", "2026-11-17T15:00:00+07:00", "postal1", "Đã số hóa")))!.Status);
        // The same event again is taken once.
        Assert.Equal("duplicate", (await life.PostAsync(Event("handover", "2026-11-17T15:00:00+07:00", "postal1", "Đã số hóa")))!.Result);
        var atLeader = await life.PostAsync(Event("handover", "2026-11-18T08:00:00+07:00", "officer1", toHandler: "leader1"));
        Assert.Equal("leader1", atLeader!.Handler!.UserName);
        var apology = await life.PostAsync(Event("apology", "2026-11-18T08:10:00+07:00", "leader1", "Chậm thẩm định", newAppointment: "2026-11-30T10:00:00+07:00"));
        Assert.Equal("2026-11-30T10:00:00+07:00", apology!.Appointment);
        Assert.Equal("result-ready", (await life.PostAsync(Event("approved", "2026-11-18T08:30:00+07:00", "leader1")))!.Status);
        Assert.Equal("returned", (await life.PostAsync(Event("returned", "2026-11-18T08:45:00+07:00", "postal1")))!.Status);

        var state = await dossiers["K20-life"].GetAsync();
        Assert.Equal(("returned", "2026-11-18T08:30:00+07:00", "2026-11-18T08:45:00+07:00"), (state!.Status, state.CompletedAt, state.ReturnedAt));

        // The two other endings.
        await dossiers["K20-refused"].PutAsync(Intake());
        Assert.Equal("refused", (await dossiers["K20-refused"].Events.PostAsync(Event("refused", "2026-11-17T11:00:00+07:00", "postal1", "Không thuộc thẩm quyền")))!.Status);
        await dossiers["K20-withdrawn"].PutAsync(Intake());
        Assert.Equal("withdrawn", (await dossiers["K20-withdrawn"].Events.PostAsync(Event("withdrawn", "2026-11-17T11:00:00+07:00", "postal1", "Công dân rút hồ sơ")))!.Status);
    }

    [Fact]
    public async Task Errors_come_back_as_the_documents_problem_types()
    {
        var client = await ClientAsync();
        await client.Api.V1.Dossiers["K20-errors"].PutAsync(Intake());

        // 400: a validation problem, its errors keyed by the wire field name.
        var invalid = await Assert.ThrowsAsync<HttpValidationProblemDetails>(() =>
            client.Api.V1.Dossiers["K20-errors"].Events.PostAsync(Event("faxed", "2026-11-17T11:00:00+07:00", "postal1")));
        Assert.Equal(400, invalid.ResponseStatusCode);
        Assert.Contains("type", invalid.Errors!.AdditionalData.Keys);
        // 404: a problem for a dossier that is not there.
        var missing = await Assert.ThrowsAsync<ProblemDetails>(() => client.Api.V1.Dossiers["K20-khong-co"].GetAsync());
        Assert.Equal((404, "Không tìm thấy hồ sơ"), (missing.ResponseStatusCode, missing.Title));
        // 401: a client without a key.
        var anonymous = new OneStopApiClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider()) { BaseUrl = bed.App.BaseAddress.ToString().TrimEnd('/') });
        var refused = await Assert.ThrowsAsync<ProblemDetails>(() => anonymous.Api.V1.Dossiers["K20-errors"].GetAsync());
        Assert.Equal(401, refused.ResponseStatusCode);
    }
}
