using Microsoft.AspNetCore.Http.Features;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Ingestion;
using OneStop.Web.Hosting;

namespace OneStop.Web.Api.Ingestion;

/// <summary>
/// /api/v1 for the provincial one-stop system: dossiers (create or update, lifecycle events, state) and the CSV import
/// of history. API key auth (X-Api-Key; scopes read and write), rate limited, errors as RFC 7807 problem details
/// whose "errors" name each bad field. The domain does the work (<see cref="DossierIngestion"/>, <see cref="HistoryImport"/>).
/// </summary>
public static class IngestionEndpoints
{
    public sealed record ApplicantDto(string Name, string Phone, string IdNumber, string Address);
    public sealed record DossierPutDto(string ProcedureCode, string Channel, string ReceivedAt, ApplicantDto Applicant, string ResultDelivery,
        string? ResultPostalAddress);
    public sealed record DossierEventDto(string Type, string At, string Actor, string? ToHandler, string? Note, string? NewAppointment,
        string? TrackingNumber);
    public sealed record StepDto(int Order, string Name);
    public sealed record HandlerDto(string UserName, string FullName);
    /// <summary>A dossier as the API shows it; <c>result</c> says what the request did (created, updated, unchanged, duplicate).</summary>
    public sealed record DossierDto(string Code, string ProcedureCode, string Status, StepDto Step, HandlerDto? Handler, string ReceivedAt,
        string Appointment, string StatutoryAppointment, string? Outcome, string? CompletedAt, string? ReturnedAt, bool Paused, string? Result);
    public sealed record ImportDto(int Imported, IReadOnlyDictionary<string, int> ByStatus);
    public sealed record ImportProblemDto(int Line, string Column, string Reason);

    /// <summary>
    /// The request body an endpoint reads by hand (<see cref="IngestionJson"/>), for the OpenAPI document only. Not
    /// Accepts(): that takes part in routing, and a wrong content type would be answered 415 before the API key is checked.
    /// </summary>
    public sealed record RequestBodyDoc(Type Type, string ContentType);

    public static IServiceCollection AddIngestionApi(this IServiceCollection services)
    {
        services.AddApiKeyAuthentication();
        services.AddOpenApi(o => ApiDocument.Configure(o.AddOperationTransformer(async (operation, context, ct) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestBodyDoc>().FirstOrDefault() is not { } body) return;
            var media = new Microsoft.OpenApi.OpenApiMediaType();
            if (body.Type != typeof(string)) media.Schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct);
            operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType> { [body.ContentType] = media },
            };
        })));
        return services;
    }

    public static void MapIngestionApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapApiReference(); // /api/docs, the same document for people
        var api = app.MapGroup("/api/v1").RequireRateLimiting(RateLimits.Api);
        var dossiers = api.MapGroup("/dossiers").WithTags("Dossiers");

        dossiers.MapPut("/{code}", PutAsync).RequireAuthorization(ApiKeyAuthentication.WritePolicy)
            .WithSummary("Create or update a dossier received by the provincial one-stop system")
            .WithMetadata(new RequestBodyDoc(typeof(DossierPutDto), "application/json"))
            .Produces<DossierDto>(StatusCodes.Status201Created).Produces<DossierDto>()
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        dossiers.MapPost("/{code}/events", EventAsync).RequireAuthorization(ApiKeyAuthentication.WritePolicy)
            .WithSummary("A lifecycle event of a dossier; the same (code, type, at) is taken once")
            .WithMetadata(new RequestBodyDoc(typeof(DossierEventDto), "application/json"))
            .Produces<DossierDto>(StatusCodes.Status201Created).Produces<DossierDto>()
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status404NotFound).ProducesValidationProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        dossiers.MapGet("/{code}", GetAsync).RequireAuthorization(ApiKeyAuthentication.ReadPolicy)
            .WithSummary("Status, step, handler, appointment and outcome of a dossier")
            .Produces<DossierDto>().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/import/dossiers", ImportAsync).RequireAuthorization(ApiKeyAuthentication.WritePolicy).WithTags("Import")
            .WithSummary("Import the history of dossiers from CSV (UTF-8), all or nothing")
            .WithMetadata(new RequestBodyDoc(typeof(string), "text/csv"))
            .Produces<ImportDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> PutAsync(string code, HttpRequest request, DossierIngestion ingestion, CancellationToken ct)
    {
        var (root, problem) = await IngestionJson.ReadObjectAsync(request, ct);
        if (problem is not null) return problem;
        var errors = new IngestionJson.BodyErrors();
        var body = IngestionJson.Upsert(root!.Value, errors);
        if (body is null) return Results.ValidationProblem(errors, title: "Dữ liệu không hợp lệ");
        return await Run(async () =>
        {
            var result = await ingestion.PutAsync(code, body, ct, ApiKeyAuthenticationHandler.ScopeOf(request.HttpContext.User));
            var dto = Dto(result.Dossier, result.Outcome);
            return result.Outcome == IngestOutcome.Created ? Results.Created($"/api/v1/dossiers/{Uri.EscapeDataString(code)}", dto) : Results.Ok(dto);
        });
    }

    private static async Task<IResult> EventAsync(string code, HttpRequest request, DossierIngestion ingestion, CancellationToken ct)
    {
        var (root, problem) = await IngestionJson.ReadObjectAsync(request, ct);
        if (problem is not null) return problem;
        var errors = new IngestionJson.BodyErrors();
        var message = IngestionJson.Event(root!.Value, errors);
        if (message is null) return Results.ValidationProblem(errors, title: "Dữ liệu không hợp lệ");
        return await Run(async () =>
        {
            var result = await ingestion.AddEventAsync(code, message, ct, ApiKeyAuthenticationHandler.ScopeOf(request.HttpContext.User));
            var dto = Dto(result.Dossier, result.Outcome);
            return result.Outcome == IngestOutcome.Created ? Results.Created($"/api/v1/dossiers/{Uri.EscapeDataString(code)}", dto) : Results.Ok(dto);
        });
    }

    private static async Task<IResult> GetAsync(string code, HttpContext http, DossierIngestion ingestion, CancellationToken ct) =>
        await ingestion.GetAsync(code, ct, ApiKeyAuthenticationHandler.ScopeOf(http.User)) is { } state
            ? Results.Ok(Dto(state, null))
            : Results.Problem(statusCode: 404, title: "Không tìm thấy hồ sơ", detail: $"Không có hồ sơ mã {code}.");

    private static async Task<IResult> ImportAsync(HttpContext http, HistoryImport import, CancellationToken ct)
    {
        if (http.Request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            return Results.Problem(statusCode: 415, title: "Sai kiểu nội dung", detail: "Gửi tệp CSV (UTF-8) với Content-Type: text/csv; charset=utf-8.");
        // History files are large: allow up to the import's own limit, which it enforces while reading.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = HistoryImport.MaxBytes + 1;
        var result = await import.ImportAsync(http.Request.Body, null, "API: " + (http.User.Identity?.Name ?? "?"), null, ct,
            ApiKeyAuthenticationHandler.ScopeOf(http.User).Departments);
        if (result.Imported) return Results.Ok(new ImportDto(result.Rows, result.ByStatus));
        // Each problem once (line, column, reason), the first ImportProblems.Listed of them, with the total: a file of bad
        // rows answers in the size of a thousand problems, not of the file.
        var listed = result.Problems.Count < result.TotalProblems ? $" (liệt kê {result.Problems.Count:n0} lỗi đầu tiên)" : "";
        return Results.Problem(statusCode: 400, title: "Tệp không được nhập",
            detail: $"{result.TotalProblems:n0} lỗi{listed}; không dòng nào được nhập.",
            extensions: new Dictionary<string, object?>
            {
                ["totalProblems"] = result.TotalProblems,
                ["problems"] = result.Problems.Select(p => new ImportProblemDto(p.Line, p.Column, p.Reason)).ToList(),
            });
    }

    private static async Task<IResult> Run(Func<Task<IResult>> work)
    {
        try { return await work(); }
        catch (IngestionException e)
        {
            var status = e.Failure switch { IngestionFailure.NotFound => 404, IngestionFailure.Conflict => 409, IngestionFailure.Forbidden => 403, _ => 400 };
            return Results.ValidationProblem(e.Errors, statusCode: status, title: e.Title);
        }
        catch (DossierConcurrencyException e)
        {
            return Results.Problem(statusCode: 409, title: "Hồ sơ vừa thay đổi", detail: e.Message);
        }
    }

    private static DossierDto Dto(DossierState s, IngestOutcome? outcome) => new(
        s.Code, s.ProcedureCode, s.Status, new StepDto(s.Step, s.StepName),
        s.Handler is null ? null : new HandlerDto(s.Handler, s.HandlerName ?? ""),
        WireNames.Format(s.ReceivedAt), WireNames.Format(s.Appointment), WireNames.Format(s.StatutoryAppointment), s.Outcome,
        s.CompletedAt is { } c ? WireNames.Format(c) : null, s.ReturnedAt is { } r ? WireNames.Format(r) : null, s.Paused,
        outcome is { } o ? o.ToString().ToLowerInvariant() : null);
}
