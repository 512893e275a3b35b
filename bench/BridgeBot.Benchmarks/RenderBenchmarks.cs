namespace BridgeBot.Benchmarks;

using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BridgeBot.Core.Forms;
using BridgeBot.Core.Outbound;
using BridgeBot.Core.Requests;
using BridgeBot.Slack.Rendering;
using BridgeBot.Slack.Wire;
using BridgeBot.Teams.Cards;
using BridgeBot.Teams.Protocol;

/// <summary>The requirements form (18 fields) drawn for each platform and serialized as it goes on the wire.</summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private readonly FormView _form = new(RequirementsForm.Definition, new FormValues([new(RequirementsForm.Title, "reset my password please")]), []);

    // Written straight to UTF-8 JSON: rendering is serializing.
    [Benchmark]
    public RawJson AdaptiveCardForm() => AdaptiveCardRenderer.RenderForm(_form);

    [Benchmark]
    public string BlockKitModal() => JsonSerializer.Serialize(ModalRenderer.Render(_form, "C0BENCH023"), SlackJsonContext.Default.SlackView);

    [Benchmark]
    public SlackView BlockKitModalTree() => ModalRenderer.Render(_form, "C0BENCH023");
}
