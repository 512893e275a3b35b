namespace BridgeBot.Core.Forms;

/// <summary>The input a form field asks for; each channel renders it with its own native control.</summary>
public enum FormFieldKind
{
    Text,
    MultilineText,
    Date,
    Number,
    SingleChoice,
    MultiChoice,
    Toggle,
    User,
}
