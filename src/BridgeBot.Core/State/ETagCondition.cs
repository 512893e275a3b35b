namespace BridgeBot.Core.State;

/// <summary>The precondition of a write or delete: the compare half of compare-and-set.</summary>
public readonly record struct ETagCondition
{
    private ETagCondition(ETagConditionKind kind, string? etag)
    {
        Kind = kind;
        ETag = etag;
    }

    /// <summary>Which precondition applies.</summary>
    public ETagConditionKind Kind { get; }

    /// <summary>The expected etag when <see cref="Kind"/> is <see cref="ETagConditionKind.Matches"/>.</summary>
    public string? ETag { get; }

    /// <summary>Succeeds only when no value is stored (create).</summary>
    public static ETagCondition NotExists { get; } = new(ETagConditionKind.NotExists, null);

    /// <summary>Succeeds whatever is stored. Only for values with a single natural writer.</summary>
    public static ETagCondition Any { get; } = new(ETagConditionKind.Any, null);

    /// <summary>Succeeds only when the stored version still has this etag.</summary>
    public static ETagCondition Matches(string etag) => new(ETagConditionKind.Matches, etag);

    /// <summary>Matches the version read, or NotExists when nothing was read.</summary>
    public static ETagCondition For<T>(Versioned<T>? read) => read is null ? NotExists : Matches(read.ETag);
}

/// <summary>See <see cref="ETagCondition"/>.</summary>
public enum ETagConditionKind
{
    NotExists,
    Any,
    Matches,
}
