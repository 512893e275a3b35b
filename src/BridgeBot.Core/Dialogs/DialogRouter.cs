namespace BridgeBot.Core.Dialogs;

using BridgeBot.Core.Turns;

/// <summary>
/// Finds the dialog for a turn. Built once at startup from every registered dialog; two dialogs claiming the
/// same route is a configuration bug and fails construction, so it fails startup.
/// </summary>
public sealed class DialogRouter
{
    private readonly Dictionary<(RouteKind, string), IDialog> _routes = new(RouteKeyComparer.Instance);

    public DialogRouter(IEnumerable<IDialog> dialogs)
    {
        foreach (var dialog in dialogs)
        {
            foreach (var route in dialog.Routes)
            {
                if (!_routes.TryAdd((route.Kind, route.Key), dialog))
                {
                    var other = _routes[(route.Kind, route.Key)];
                    throw new InvalidOperationException(
                        $"Route {route.Kind} '{route.Key}' is claimed by both {other.GetType().Name} and {dialog.GetType().Name}.");
                }
            }
        }
    }

    /// <summary>The dialog for this turn and the command arguments it should see, or null when nothing matches.</summary>
    public RouteMatch? Match(InboundTurn turn) => turn.Payload switch
    {
        CommandInvoked command => MatchCommand(command.Name.TrimStart('/'), command.ArgumentText),
        TextMessage text => MatchText(text.Text),
        FormSubmitted form => Find(RouteKind.Form, form.FormId),
        FormClosed form => Find(RouteKind.Form, form.FormId),
        ActionInvoked action => Find(RouteKind.Action, action.ActionId),
        MeetingEvent => FindExact(RouteKind.Meeting),
        BotInstalled => FindExact(RouteKind.Installed),
        _ => Fallback(string.Empty),
    };

    // "/itrequest status" and a typed "status" reach the same dialog: a slash command's first argument
    // selects a registered command when there is one, otherwise the slash command's own dialog gets it.
    private RouteMatch? MatchCommand(string name, string arguments)
    {
        var sub = CommandText.FirstWord(arguments);
        if (sub.Length > 0 && !sub.Equals(name, StringComparison.OrdinalIgnoreCase) &&
            _routes.TryGetValue((RouteKind.Command, sub), out var subDialog))
        {
            return new RouteMatch(subDialog, CommandText.Rest(arguments));
        }

        return _routes.TryGetValue((RouteKind.Command, name), out var dialog)
            ? new RouteMatch(dialog, arguments.Trim())
            : Fallback(arguments);
    }

    // A typed "itrequest status" in Teams is the same command as Slack's "/itrequest status": a known first
    // word is matched exactly like a slash command, subcommands included.
    private RouteMatch? MatchText(string text)
    {
        var word = CommandText.FirstWord(text).TrimStart('/');
        return word.Length > 0 && _routes.ContainsKey((RouteKind.Command, word))
            ? MatchCommand(word, CommandText.Rest(text))
            : Fallback(text.Trim());
    }

    private RouteMatch? Find(RouteKind kind, string key) =>
        _routes.TryGetValue((kind, key), out var dialog) ? new RouteMatch(dialog, string.Empty) : Fallback(string.Empty);

    // Events nobody typed (a meeting started, the app was installed) get no help text when no dialog wants them:
    // a help card posted into a meeting chat at every join would be noise.
    private RouteMatch? FindExact(RouteKind kind) =>
        _routes.TryGetValue((kind, string.Empty), out var dialog) ? new RouteMatch(dialog, string.Empty) : null;

    private RouteMatch? Fallback(string arguments) =>
        _routes.TryGetValue((RouteKind.Fallback, string.Empty), out var dialog) ? new RouteMatch(dialog, arguments) : null;

    private sealed class RouteKeyComparer : IEqualityComparer<(RouteKind Kind, string Key)>
    {
        public static readonly RouteKeyComparer Instance = new();

        public bool Equals((RouteKind Kind, string Key) x, (RouteKind Kind, string Key) y) =>
            x.Kind == y.Kind && string.Equals(x.Key, y.Key, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((RouteKind Kind, string Key) obj) =>
            HashCode.Combine(obj.Kind, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Key));
    }
}

/// <summary>The dialog chosen for a turn and the command arguments left for it.</summary>
public sealed record RouteMatch(IDialog Dialog, string Arguments);
