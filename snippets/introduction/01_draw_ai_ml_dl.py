"""Artificial intelligence, machine learning and deep learning as nested sets.

Each field is a subset of the one around it; the labels give the lecture's definitions.

Figure: Three nested ellipses. The outer one, artificial intelligence, holds machine
learning, which holds deep learning; each ellipse is labelled with its name and a
one-line definition.
"""

import matplotlib.pyplot as plt
from matplotlib.patches import Ellipse

definitions = {
    "Artificial intelligence": "techniques that let machines mimic human behaviour",
    "Machine learning": "statistical methods that let\nmachines improve by experience",
    "Deep learning": "learning with neural networks\nof many layers",
}
shapes = [(10.0, 7.0, 3.5), (7.4, 4.8, 2.6), (4.6, 2.4, 1.6)]  # width, height, centre

figure, axis = plt.subplots(figsize=(7, 5))
colours = ["#0072B2", "#E69F00", "#009E73"]
for colour, (name, definition), (width, height, centre) in zip(
    colours, definitions.items(), shapes, strict=True
):
    axis.add_patch(Ellipse((5, centre), width, height, color=colour, alpha=0.25))
    axis.add_patch(Ellipse((5, centre), width, height, fill=False, edgecolor=colour))
    top = centre + height / 2
    label_y = top - 0.45 if name != "Deep learning" else centre + 0.35
    axis.text(5, label_y, name, ha="center", va="center", weight="bold", fontsize=12)
    axis.text(5, label_y - 0.5, definition, ha="center", va="center", fontsize=9)
axis.set_xlim(-0.2, 10.2)
axis.set_ylim(-0.2, 7.2)
axis.set_aspect("equal")
axis.axis("off")
plt.show()

nested_fields = list(definitions)
print(" ⊃ ".join(nested_fields))
