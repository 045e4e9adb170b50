using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OneStop.Web.Api.Ingestion;

namespace OneStop.Web.Api;

/// <summary>
/// The integrators' document at /openapi/v1.json (issue 20): only /api/v1 (not the pages' endpoints); the ApiKey scheme
/// (header X-Api-Key) with the scope each operation needs, so a generated client knows to send the key; the problem
/// shapes of the errors every write can answer; and examples in Vietnamese data.
/// </summary>
public static class ApiDocument
{
    public const string Scheme = "ApiKey";

    public static void Configure(OpenApiOptions o)
    {
        o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "OneStop API",
                Version = "v1",
                Description = "Hồ sơ của Trung tâm Phục vụ hành chính công: tiếp nhận từ hệ thống một cửa tỉnh, sự kiện xử lý, tra cứu "
                              + "trạng thái, nhập dữ liệu lịch sử. Mọi lỗi là problem details (RFC 9457); lỗi dữ liệu nêu tên trường trong errors.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.Header,
                Description = "Khóa API do quản trị cấp tại /settings/api-keys. Quyền (scope): «read» để tra cứu hồ sơ, "
                              + "«write» để gửi hồ sơ, sự kiện và tệp nhập. Một khóa có thể chỉ được dùng cho một số đơn vị.",
            };
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            var policies = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToHashSet();
            var scope = policies.Contains(ApiKeyAuthentication.WritePolicy) ? "write" : policies.Contains(ApiKeyAuthentication.ReadPolicy) ? "read" : null;
            if (scope is null) return Task.CompletedTask; // the calendar is public
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [scope] });
            operation.Responses ??= new OpenApiResponses();
            foreach (var (status, text) in Problems(scope))
                if (!operation.Responses.ContainsKey(status)) operation.Responses[status] = ProblemResponse(text);
            return Task.CompletedTask;
        });
        o.AddSchemaTransformer((schema, context, _) =>
        {
            if (Examples.TryGetValue(context.JsonTypeInfo.Type, out var example)) schema.Example = JsonNode.Parse(example);
            return Task.CompletedTask;
        });
    }

    private static IEnumerable<(string Status, string Text)> Problems(string scope)
    {
        yield return ("401", "Thiếu khóa API, khóa sai hoặc đã bị thu hồi.");
        yield return ("403", "Khóa không có quyền cần cho thao tác, hoặc hồ sơ, thủ tục, cán bộ ngoài các đơn vị của khóa.");
        yield return ("429", "Quá số yêu cầu cho phép của khóa trong một phút; thử lại sau Retry-After giây.");
        if (scope != "write") yield break;
        yield return ("413", "Nội dung quá lớn.");
        yield return ("415", "Sai Content-Type.");
    }

    private static OpenApiResponse ProblemResponse(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails") },
        },
    };

    /// <summary>Examples of the wire shapes, in the data an integrator of a Vietnamese center sends and gets.</summary>
    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(IngestionEndpoints.DossierPutDto)] = """
            {"procedureCode":"SNV-01","channel":"online","receivedAt":"2026-11-17T10:00:00+07:00",
             "applicant":{"name":"Trần Thị Bích Ngọc","phone":"0905 123 456","idNumber":"045190004321","address":"25 Hùng Vương, Đông Hà, Quảng Trị"},
             "resultDelivery":"post","resultPostalAddress":"25 Hùng Vương, Đông Hà, Quảng Trị"}
            """,
        [typeof(IngestionEndpoints.DossierEventDto)] = """
            {"type":"handover","at":"2026-11-17T14:00:00+07:00","actor":"postal1","toHandler":null,"note":"Đã số hóa hồ sơ",
             "newAppointment":null,"trackingNumber":null}
            """,
        [typeof(IngestionEndpoints.DossierDto)] = """
            {"code":"H50.1-2026-000123","procedureCode":"SNV-01","status":"in-progress","step":{"order":2,"name":"Thẩm định hồ sơ"},
             "handler":{"userName":"officer1","fullName":"Nguyễn Thị Thanh Hương"},"receivedAt":"2026-11-17T10:00:00+07:00",
             "appointment":"2026-11-24T10:00:00+07:00","statutoryAppointment":"2026-11-24T10:00:00+07:00","outcome":null,
             "completedAt":null,"returnedAt":null,"paused":false,"result":"created"}
            """,
    };
}
