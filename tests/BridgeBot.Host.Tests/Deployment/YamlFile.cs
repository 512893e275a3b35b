namespace BridgeBot.Host.Tests.Deployment;

using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

/// <summary>
/// YAML files read with YamlDotNet and turned into JSON nodes, so compose, Kubernetes and ARM checks navigate alike.
/// Scalars stay strings (YAML 1.1 typing is not guessed): compare numbers with <see cref="Int"/>.
/// </summary>
internal static class YamlFile
{
    public static IReadOnlyList<JsonNode> LoadAll(string relativePath)
    {
        var parser = new Parser(new StringReader(Repository.ReadText(relativePath)));
        var deserializer = new DeserializerBuilder().Build();
        parser.Consume<StreamStart>();
        var documents = new List<JsonNode>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = deserializer.Deserialize<object?>(parser);
            if (document is not null)
            {
                documents.Add(ToJson(document)!);
            }
        }

        return documents;
    }

    public static JsonNode Load(string relativePath) => LoadAll(relativePath).Single();

    public static int Int(JsonNode? node) => int.Parse((string)node!, System.Globalization.CultureInfo.InvariantCulture);

    public static IEnumerable<string> Strings(JsonNode? node) => node!.AsArray().Select(n => (string)n!);

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        IDictionary<object, object> map => new JsonObject(map.Select(kv =>
            KeyValuePair.Create(Convert.ToString(kv.Key, System.Globalization.CultureInfo.InvariantCulture)!, ToJson(kv.Value)))),
        IList<object> list => new JsonArray(list.Select(ToJson).ToArray()),
        _ => JsonValue.Create(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
    };
}
