package dev.reve.cli;

import dev.reve.finetune.validation.Epochs;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --epochs}: a number from 1 to 50, or {@code auto}. */
public final class EpochsConverter implements ITypeConverter<Epochs> {
  @Override
  public Epochs convert(String value) {
    try {
      return Epochs.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
