"""Modularity and minimalism: layers combine like building blocks.

A block of layers is itself a model and can be placed inside a bigger model like any
layer; every module describes itself completely with `get_config()`.
"""

import keras

keras.utils.set_random_seed(0)


# --8<-- [start:blocks]
def hidden_block(units):
    """Two Dense layers and a Dropout, packed as one reusable module."""
    return keras.Sequential(
        [
            keras.layers.Dense(units, activation="relu"),
            keras.layers.Dense(units, activation="relu"),
            keras.layers.Dropout(0.2),
        ],
        name=f"block_{units}",
    )


model = keras.Sequential(
    [
        keras.Input(shape=(20,)),
        hidden_block(64),
        hidden_block(32),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
# --8<-- [end:blocks]
block_names = [layer.name for layer in model.layers]
parameter_count = model.count_params()
print("Top-level layers:", block_names)
print("Parameters:", parameter_count)

# Minimalism: a module describes itself completely, and is rebuilt from that description
dense_config = keras.layers.Dense(8, activation="tanh").get_config()
config_keys = sorted(dense_config)
config_size = len(config_keys)
rebuilt = keras.layers.Dense.from_config(dense_config)
rebuilt_units, rebuilt_activation = rebuilt.units, rebuilt.activation.__name__
print(f"The configuration has {config_size} keys:", config_keys)
print({key: dense_config[key] for key in ["units", "activation", "use_bias"]})
