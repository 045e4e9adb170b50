using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Dossiers.Queries;
using OneStop.Tests.Infrastructure;
using OneStop.Web.Components.Theme;
using OneStop.Web.Live;

namespace OneStop.Tests.Components;

/// <summary>The services the dossier workspace's pages need in a bUnit context, over a workflow fixture.</summary>
public static class WorkspaceServices
{
    /// <summary>Registers them, signs nobody in yet (the returned authorization context does), renders as a live circuit.</summary>
    public static BunitAuthorizationContext AddWorkspace(this BunitContext ctx, WorkflowFixture f, DossierChangeHub hub, DossierWorkflow workflow)
    {
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        ctx.Services.AddOneStopMud();
        ctx.Services.AddSingleton(hub);
        ctx.Services.AddSingleton(workflow);
        ctx.Services.AddSingleton<TimeProvider>(f.Clock);
        ctx.Services.AddSingleton(f.Calendars);
        ctx.Services.AddSingleton(new MyQueueQuery(f.Contexts, f.Calendars, f.Clock));
        ctx.Services.AddSingleton(new DossierDetailQuery(f.Contexts, f.Calendars, f.Clock));
        ctx.Services.AddSingleton(new HandlerOptionsQuery(f.Contexts));
        ctx.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        ctx.Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        var auth = ctx.AddAuthorization();
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return auth;
    }
}
