namespace BridgeBot.Core.Dialogs;

/// <summary>What kind of turn a route matches.</summary>
public enum RouteKind
{
    /// <summary>A command word: <c>help</c>, <c>itrequest</c>, <c>status</c> (typed or slash command).</summary>
    Command,

    /// <summary>A submission or close of the form with this id.</summary>
    Form,

    /// <summary>A button with this action id.</summary>
    Action,

    /// <summary>Meeting events (the key is ignored).</summary>
    Meeting,

    /// <summary>The bot was installed (the key is ignored).</summary>
    Installed,

    /// <summary>Anything no other route matched (the key is ignored).</summary>
    Fallback,
}

/// <summary>One thing a dialog answers to. Keys are compared case-insensitively.</summary>
public sealed record DialogRoute(RouteKind Kind, string Key)
{
    public static DialogRoute Command(string name) => new(RouteKind.Command, name.TrimStart('/').ToLowerInvariant());

    public static DialogRoute Form(string formId) => new(RouteKind.Form, formId);

    public static DialogRoute Action(string actionId) => new(RouteKind.Action, actionId);

    public static DialogRoute Meeting { get; } = new(RouteKind.Meeting, string.Empty);

    public static DialogRoute Installed { get; } = new(RouteKind.Installed, string.Empty);

    public static DialogRoute Fallback { get; } = new(RouteKind.Fallback, string.Empty);
}
