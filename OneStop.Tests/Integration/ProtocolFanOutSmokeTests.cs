using OneStop.Benchmarks;
using OneStop.Benchmarks.Circuits;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Integration;

/// <summary>
/// The browserless fan-out (README, Performance, "Browserless circuit client") on three circuits and three changes:
/// no timing is asserted, but every circuit must receive a render batch carrying every change, after its commit;
/// and the page reading that feeds StartCircuit must keep start markers and drop end markers.
/// </summary>
public sealed class ProtocolFanOutSmokeTests
{
    [Fact]
    public async Task Every_circuit_receives_every_change_in_a_render_batch()
    {
        await using var app = new OneStopApp(demo: true);
        var intake = await LiveFanOut.CounterIntakeAsync(app.Services);
        var received = 0;
        async Task<DateTime> Receive()
        {
            var committed = await intake();
            received++;
            return committed;
        }

        // ProtocolFanOut throws when any circuit misses a change (or a circuit reports an error), so a result is the proof.
        var result = await ProtocolFanOut.RunAsync(app.BaseAddress, circuits: 3, trials: 3, Receive, ServerMemory.OfThisProcess,
            TextWriter.Null, ("director", "demo"));

        Assert.Equal(3, received);
        Assert.Equal(9, result.LatenciesMs.Count);
        Assert.All(result.LatenciesMs, ms => Assert.True(ms > 0 && double.IsFinite(ms), $"{ms} ms"));
        Assert.StartsWith("circuits=3 p50_ms=", result.Summary());
        Assert.Contains("managed_mb=", result.Summary());
    }

    [Fact]
    public async Task A_circuit_acks_its_batches_and_answers_interop()
    {
        await using var app = new OneStopApp(demo: true);
        var cookies = await BlazorCircuitClient.SignInAsync(app.BaseAddress, "director", "demo");
        using var http = BlazorCircuitClient.NewHttp(app.BaseAddress, cookies);
        await using var client = await BlazorCircuitClient.StartAsync(http, cookies, "/");
        await Task.Delay(500); // the first render's interop (MudBlazor, the connection script) and the batches after it

        Assert.Null(client.Error);
        Assert.NotEmpty(client.Batches);
        Assert.True(client.JsCalls > 0, "The overview makes JS interop calls after its first render; none arrived.");
        Assert.False(string.IsNullOrWhiteSpace(client.ReceivedTile));
    }

    [Fact]
    public void Reading_a_page_keeps_server_start_markers_and_the_state()
    {
        const string html = """
            <head><!--Blazor:{"type":"server","prerenderId":"a1","key":{"locationHash":"h1","formattedComponentKey":""},"sequence":0,"descriptor":"D1"}-->
            <title>x</title><!--Blazor:{"prerenderId":"a1"}--></head>
            <body><!--Blazor:{"type":"server","prerenderId":"b2","key":{"locationHash":"h2","formattedComponentKey":""},"sequence":1,"descriptor":"D2"}-->
            <div class="tile-value" data-testid="tile-received-value">1.234</div><!--Blazor:{"prerenderId":"b2"}-->
            <!--Blazor-Server-Component-State:CfDJ8state--></body>
            """;

        var page = BlazorCircuitClient.ReadPage(html);

        Assert.Equal(["D1", "D2"], page.Markers.Select(m => m.GetProperty("descriptor").GetString()));
        Assert.Equal("CfDJ8state", page.ApplicationState);
        Assert.Equal("1.234", page.ReceivedTile);
    }
}
