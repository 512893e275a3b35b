namespace BridgeBot.Core.Dialogs;

using BridgeBot.Core.Forms;

/// <summary>
/// A dialog whose forms can be shown again with what the user typed when a submission could not be processed
/// (the state store was unreachable before the dialog even ran), so the user presses Send again instead of
/// typing everything a second time.
/// </summary>
internal interface IKeepsTypedValues
{
    /// <summary>The definition of the form <paramref name="formId"/>, or null when this dialog does not show it.</summary>
    FormDefinition? FormOf(string formId);
}
