using System.Runtime.CompilerServices;

// The Graph tests drive the internal client, subscription manager and change processor against a fake Graph.
[assembly: InternalsVisibleTo("BridgeBot.Teams.Tests")]
