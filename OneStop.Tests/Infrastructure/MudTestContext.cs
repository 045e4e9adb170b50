using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Web.Components.Theme;

namespace OneStop.Tests.Infrastructure;

/// <summary>
/// A bUnit context with MudBlazor's services as the app registers them (our localizer included) and loose JS interop
/// for MudBlazor's scripts. Disposed asynchronously: some MudBlazor services (the key interceptor) are only
/// IAsyncDisposable, and a synchronous Dispose of the container throws.
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddOneStopMud();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
